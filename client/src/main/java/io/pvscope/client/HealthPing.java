package io.pvscope.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The cheapest proof that an agent answers: the standard gRPC health check, which the agent serves without
 * credentials and without touching a store. The request and answer are kept as bytes (an empty request
 * asks for the server as a whole), so no generated health classes are needed.
 */
public final class HealthPing {

    private static final MethodDescriptor<byte[], byte[]> CHECK = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("grpc.health.v1.Health/Check")
            .setRequestMarshaller(RawBytes.MARSHALLER)
            .setResponseMarshaller(RawBytes.MARSHALLER)
            .build();

    private HealthPing() {
    }

    /** Completes with the round trip when the agent answers within {@code deadline}, exceptionally otherwise. */
    public static CompletableFuture<Duration> send(Channel channel, Duration deadline) {
        CompletableFuture<Duration> result = new CompletableFuture<>();
        long start = System.nanoTime();
        ClientCalls.asyncUnaryCall(channel.newCall(CHECK, CallOptions.DEFAULT
                .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)), new byte[0], new StreamObserver<>() {
                    @Override
                    public void onNext(byte[] answer) {
                        // The status inside does not matter here: any answer is one.
                    }

                    @Override
                    public void onError(Throwable error) {
                        result.completeExceptionally(error);
                    }

                    @Override
                    public void onCompleted() {
                        result.complete(Duration.ofNanos(System.nanoTime() - start));
                    }
                });
        return result;
    }
}
