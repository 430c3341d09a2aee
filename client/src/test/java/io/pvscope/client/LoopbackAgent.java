package io.pvscope.client;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.pvscope.proto.v1.AgentInfo;
import io.pvscope.proto.v1.GetAgentInfoRequest;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.KvReadResponse;
import io.pvscope.proto.v1.PvBusGrpc;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSession;

/**
 * A real gRPC server on loopback speaking the agent's contract, enough to see what a client sends: its
 * GetAgentInfo answers with the authorization header it received (as host_name) and the client
 * certificate's subject (as os_name); KvRead fails as the key says ("errno:ENOENT", "sleep:MILLIS").
 */
final class LoopbackAgent implements AutoCloseable {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> SEEN_AUTHORIZATION = Context.key("authorization");
    private static final Context.Key<String> SEEN_SUBJECT = Context.key("subject");

    private final Server server;

    private LoopbackAgent(Server server) {
        this.server = server;
    }

    static LoopbackAgent plaintext() throws IOException {
        return start(NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    }

    static LoopbackAgent tls(SslContext context) throws IOException {
        return start(NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .sslContext(context));
    }

    private static LoopbackAgent start(NettyServerBuilder builder) throws IOException {
        return new LoopbackAgent(builder.addService(ServerInterceptors.intercept(new Service(), new Recorder()))
                .build().start());
    }

    AgentAddress address() {
        return AgentAddress.tcp("localhost", server.getPort());
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    /** Puts what the call carried into its context. */
    private static final class Recorder implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                           ServerCallHandler<Q, R> next) {
            String subject = "";
            SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
            try {
                if (session != null && session.getPeerCertificates().length > 0) {
                    subject = ((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName();
                }
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                subject = "";
            }
            String authorization = headers.get(AUTHORIZATION);
            Context context = Context.current()
                    .withValue(SEEN_AUTHORIZATION, authorization == null ? "" : authorization)
                    .withValue(SEEN_SUBJECT, subject);
            return Contexts.interceptCall(context, call, headers, next);
        }
    }

    private static final class Service extends PvBusGrpc.PvBusImplBase {
        @Override
        public void getAgentInfo(GetAgentInfoRequest request, StreamObserver<AgentInfo> answer) {
            answer.onNext(AgentInfo.newBuilder().setHostName(SEEN_AUTHORIZATION.get())
                    .setOsName(SEEN_SUBJECT.get()).build());
            answer.onCompleted();
        }

        @Override
        public void kvRead(KvReadRequest request, StreamObserver<KvReadResponse> answer) {
            String key = request.getKey();
            if (key.startsWith("errno:")) {
                String reason = key.substring("errno:".length());
                answer.onError(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                        .setCode(Status.Code.NOT_FOUND.value()).setMessage("refused: " + key)
                        .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain("pvscope.io")
                                .build())).build()));
            } else if (key.startsWith("sleep:")) {
                try {
                    Thread.sleep(Long.parseLong(key.substring("sleep:".length())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer.onNext(KvReadResponse.getDefaultInstance());
                answer.onCompleted();
            } else {
                answer.onNext(KvReadResponse.getDefaultInstance());
                answer.onCompleted();
            }
        }
    }
}
