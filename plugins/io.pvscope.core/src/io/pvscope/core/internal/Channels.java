package io.pvscope.core.internal;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.LoadBalancerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.internal.PickFirstLoadBalancerProvider;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.pvscope.core.Target;
import io.pvscope.core.TargetSecurity;

/**
 * Builds gRPC channels from the Netty transport directly. ManagedChannelBuilder.forAddress cannot be used
 * inside OSGi: it finds transports and name resolvers through ServiceLoader, which does not see into other
 * bundles. For the same reason the default load-balancing policy is registered by hand: the registry's
 * fallback loads it by class name from the grpc-api bundle, which cannot see grpc-core's classes.
 */
public final class Channels {

    static {
        LoadBalancerRegistry.getDefaultRegistry().register(new PickFirstLoadBalancerProvider());
    }

    private Channels() {
    }

    /**
     * A channel as the target's security says, sending {@code token} with every call. Resolves the host on
     * the calling thread.
     *
     * @throws IOException when a certificate or key file cannot be read
     * @throws IllegalArgumentException when a token would travel in plaintext off this machine
     */
    public static ManagedChannel open(Target target, Optional<String> token) throws IOException {
        InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(address);
        TargetSecurity security = target.security();
        if (security.tls()) {
            builder.sslContext(sslContext(security));
        } else {
            // Loopback traffic never leaves the machine; anything else could be read on the wire.
            if (token.isPresent() && (address.isUnresolved() || !address.getAddress().isLoopbackAddress())) {
                throw new IllegalArgumentException("refusing to send the token in plaintext to "
                        + target.address() + "; turn on TLS");
            }
            builder.usePlaintext();
        }
        token.ifPresent(value -> builder.intercept(withCredentials(new BearerToken(value))));
        return builder.build();
    }

    private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext(TargetSecurity security)
            throws IOException {
        // The agent speaks TLS 1.3 only.
        SslContextBuilder ssl = GrpcSslContexts.forClient().protocols("TLSv1.3");
        if (!security.caFile().isEmpty()) {
            ssl.trustManager(readable(security.caFile()));
        }
        if (!security.certFile().isEmpty()) {
            ssl.keyManager(readable(security.certFile()), readable(security.keyFile()));
        }
        try {
            return ssl.build();
        } catch (IllegalArgumentException e) {
            throw new IOException("could not load the TLS files: " + e.getMessage(), e);
        }
    }

    private static File readable(String path) throws IOException {
        File file = new File(path);
        if (!file.canRead()) {
            throw new IOException("cannot read " + path);
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
