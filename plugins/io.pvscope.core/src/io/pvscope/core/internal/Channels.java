package io.pvscope.core.internal;

import java.net.InetSocketAddress;

import io.grpc.LoadBalancerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.internal.PickFirstLoadBalancerProvider;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;

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

    /** A plaintext channel to one socket address; resolves {@code host} on the calling thread. */
    public static ManagedChannel plaintext(String host, int port) {
        return NettyChannelBuilder.forAddress(new InetSocketAddress(host, port))
                .usePlaintext()
                .build();
    }
}
