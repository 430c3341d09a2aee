package io.pvscope.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.pvscope.client.internal.BearerToken;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Opens gRPC channels to agents. TCP channels are built on the Netty transport directly rather than
 * through ManagedChannelBuilder's ServiceLoader look-up, so that the same code works in a plain JVM and
 * inside OSGi, where ServiceLoader does not see into other bundles.
 */
public final class AgentChannels {

    private AgentChannels() {
    }

    /**
     * A channel as the settings say. A TCP host name is resolved on the calling thread.
     *
     * @throws IOException              when a certificate or key file cannot be read or used
     * @throws IllegalArgumentException when a token would travel in plaintext off this machine, TLS is asked
     *                                  of a Unix socket, or the host does not resolve
     */
    public static ManagedChannel open(AgentAddress address, ChannelSettings settings) throws IOException {
        ManagedChannelBuilder<?> builder;
        if (address.isUnixSocket()) {
            if (settings.tls().isPresent()) {
                throw new IllegalArgumentException("TLS is for TCP; the Unix socket is protected by its file mode");
            }
            // Plain JVMs only: the Unix socket transport is found through ServiceLoader.
            builder = Grpc.newChannelBuilder("unix://" + address.socket().orElseThrow(),
                    InsecureChannelCredentials.create());
        } else {
            InetSocketAddress resolved = address.resolve();
            if (settings.token().isPresent() && settings.tls().isEmpty()
                    && !resolved.getAddress().isLoopbackAddress()) {
                throw new IllegalArgumentException("refusing to send a token in plaintext to " + address
                        + "; use TLS");
            }
            NettyChannelBuilder netty = NettyChannelBuilder.forAddress(resolved);
            if (settings.tls().isPresent()) {
                netty.sslContext(sslContext(settings.tls().get()));
            } else {
                netty.usePlaintext();
            }
            builder = netty;
        }
        builder.keepAliveTime(settings.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(settings.keepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveWithoutCalls(true);
        settings.token().ifPresent(token -> builder.intercept(withCredentials(new BearerToken(token))));
        return builder.build();
    }

    private static SslContext sslContext(TlsFiles files) throws IOException {
        // The agent speaks TLS 1.3 only.
        SslContextBuilder ssl = GrpcSslContexts.forClient().protocols("TLSv1.3");
        if (files.caFile().isPresent()) {
            ssl.trustManager(readable(files.caFile().get()).toFile());
        }
        if (files.certFile().isPresent()) {
            ssl.keyManager(readable(files.certFile().get()).toFile(), readable(files.keyFile().orElseThrow()).toFile());
        }
        try {
            return ssl.build();
        } catch (IllegalArgumentException | IOException e) {
            throw new IOException("could not load the TLS files: " + e.getMessage(), e);
        }
    }

    private static Path readable(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read " + file);
        }
        return file;
    }

    private static ClientInterceptor withCredentials(io.grpc.CallCredentials credentials) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
                                                         Channel next) {
                return next.newCall(method, options.withCallCredentials(credentials));
            }
        };
    }
}
