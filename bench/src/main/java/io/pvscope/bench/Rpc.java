package io.pvscope.bench;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.pvscope.bench.load.AsyncOp;
import io.pvscope.proto.v1.BackendStatus;
import io.pvscope.proto.v1.GetAgentInfoRequest;
import io.pvscope.proto.v1.PvBusGrpc;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Client-side plumbing shared by the sections: channels, and calls as {@link AsyncOp}s. */
public final class Rpc {

    private Rpc() {
    }

    /** The client settings both sides of every comparison get: plaintext HTTP/2 over loopback. */
    public static ManagedChannel channel(int port) {
        return NettyChannelBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .usePlaintext()
                .maxInboundMessageSize(8 * 1024 * 1024)
                .build();
    }

    public static void close(ManagedChannel channel) throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    public static <Q, R> AsyncOp unary(ManagedChannel channel, MethodDescriptor<Q, R> method, Q request) {
        return done -> ClientCalls.asyncUnaryCall(channel.newCall(method, CallOptions.DEFAULT), request,
                new StreamObserver<R>() {
                    @Override
                    public void onNext(R value) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.accept(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.accept(null);
                    }
                });
    }

    /** Runs a server-streaming call to its end; returns the messages received. */
    public static <Q, R> long drain(ManagedChannel channel, MethodDescriptor<Q, R> method, Q request)
            throws Exception {
        CompletableFuture<Long> end = new CompletableFuture<>();
        ClientCalls.asyncServerStreamingCall(channel.newCall(method, CallOptions.DEFAULT), request,
                new StreamObserver<R>() {
                    long messages;

                    @Override
                    public void onNext(R value) {
                        messages++;
                    }

                    @Override
                    public void onError(Throwable t) {
                        end.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        end.complete(messages);
                    }
                });
        return end.get(120, TimeUnit.SECONDS);
    }

    /** The unit number the agent gave the store of this kind ("sim", "xenstore"). */
    public static int unitOf(ManagedChannel channel, String kind) {
        for (BackendStatus backend : PvBusGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                .getAgentInfo(GetAgentInfoRequest.getDefaultInstance()).getBackendsList()) {
            if (backend.getStore().equals(kind) && backend.getAvailable()) {
                return backend.getUnit();
            }
        }
        throw new IllegalStateException("the agent serves no " + kind + " store");
    }
}
