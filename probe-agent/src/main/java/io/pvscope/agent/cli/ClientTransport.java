package io.pvscope.agent.cli;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How a client command reaches the agent: {@code host:port} in plaintext (loopback) or TLS 1.3, optionally
 * with a client certificate, optionally with a bearer token; or {@code unix:/path} for the local socket.
 */
final class ClientTransport {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @Option(names = "--tls", description = "Use TLS (implied by --ca, --cert).")
    boolean tls;

    @Option(names = "--ca", paramLabel = "PEM", description = "Trust the agent's certificate if these CAs signed it"
            + " (default: the system's trust store).")
    Path ca;

    @Option(names = "--cert", paramLabel = "PEM", description = "Client certificate chain for mutual TLS.")
    Path cert;

    @Option(names = "--key", paramLabel = "PEM", description = "The client certificate's key (PKCS#8 PEM).")
    Path key;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Send the bearer token in FILE.")
    Path tokenFile;

    ManagedChannel open(String target) throws IOException {
        if (cert == null != (key == null)) {
            throw new IllegalArgumentException("--cert and --key go together");
        }
        boolean secure = tls || ca != null || cert != null;
        ManagedChannelBuilder<?> builder;
        boolean local;
        if (target.startsWith("unix:")) {
            if (secure) {
                throw new IllegalArgumentException("TLS is for TCP; the Unix socket is protected by its file mode");
            }
            builder = Grpc.newChannelBuilder("unix://" + Path.of(target.substring(5)).toAbsolutePath(),
                    InsecureChannelCredentials.create());
            local = true;
        } else {
            InetSocketAddress address = ListenAddress.parse(target);
            local = address.getAddress().isLoopbackAddress();
            NettyChannelBuilder netty = NettyChannelBuilder.forAddress(address.getHostString(), address.getPort());
            if (secure) {
                SslContextBuilder ssl = GrpcSslContexts.forClient().protocols("TLSv1.3");
                if (ca != null) {
                    ssl.trustManager(ca.toFile());
                }
                if (cert != null) {
                    ssl.keyManager(cert.toFile(), key.toFile());
                }
                netty.sslContext(ssl.build());
            } else {
                netty.usePlaintext();
            }
            builder = netty;
        }
        if (tokenFile != null) {
            if (!secure && !local) {
                throw new IllegalArgumentException("refusing to send a token in plaintext to " + target
                        + "; use --tls");
            }
            builder.intercept(bearer(readToken(tokenFile)));
        }
        return builder.build();
    }

    private static String readToken(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }

    private static ClientInterceptor bearer(String token) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
                                                         Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        headers.put(AUTHORIZATION, "Bearer " + token);
                        super.start(listener, headers);
                    }
                };
            }
        };
    }
}
