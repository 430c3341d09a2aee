package io.pvscope.bench.baseline;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.pvscope.agent.server.AgentLimits;
import io.pvscope.proto.v1.KvListResponse;
import io.pvscope.proto.v1.KvReadResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Base64;

/**
 * The baseline server: grpc-java on the same transport (netty-shaded, plaintext, loopback) with the agent's
 * limits, answering from memory. Runs as its own process from the agent's jar plus this module's plain jar,
 * so its start time and RSS compare with the agent's. With {@code --nio} it uses NIO instead of the native
 * epoll transport gRPC picks by default.
 */
public final class BareServer {

    static final int PAGE_SIZE = 500;

    private BareServer() {
    }

    public static void main(String[] args) throws Exception {
        AgentLimits limits = AgentLimits.DEFAULTS;
        NettyServerBuilder builder = NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        if (java.util.List.of(args).contains("--nio")) {
            // The transport the agent's TCP listener uses (it counts and gates accepted connections on NIO).
            builder.channelType(NioServerSocketChannel.class)
                    .bossEventLoopGroup(new NioEventLoopGroup(1))
                    .workerEventLoopGroup(new NioEventLoopGroup());
        }
        Server server = builder
                .maxInboundMessageSize(limits.maxMessageBytes())
                .maxConcurrentCallsPerConnection(limits.maxConcurrentStreams())
                .addService(service())
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        System.out.println("bare-server: serving on 127.0.0.1:" + server.getPort());
        System.out.flush();
        server.awaitTermination();
    }

    static ServerServiceDefinition service() {
        return ServerServiceDefinition.builder(BareMethods.SERVICE)
                .addMethod(BareMethods.READ, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(KvReadResponse.newBuilder()
                            .setValue(ByteString.copyFromUtf8(BenchKeys.value(request.getKey()))).build());
                    response.onCompleted();
                }))
                .addMethod(BareMethods.LIST, ServerCalls.asyncServerStreamingCall((request, response) -> {
                    var call = (ServerCallStreamObserver<KvListResponse>) response;
                    int count = request.getUnit();
                    KvListResponse.Builder page = KvListResponse.newBuilder();
                    for (int i = 0; i < count && !call.isCancelled(); i++) {
                        page.addEntries(BenchKeys.entry(i));
                        if (page.getEntriesCount() == PAGE_SIZE || i == count - 1) {
                            if (i < count - 1) {
                                page.setNextPageToken(Base64.getUrlEncoder().withoutPadding()
                                        .encodeToString(BenchKeys.name(i).getBytes()));
                            }
                            response.onNext(page.build());
                            page = KvListResponse.newBuilder();
                        }
                    }
                    response.onCompleted();
                }))
                .build();
    }
}
