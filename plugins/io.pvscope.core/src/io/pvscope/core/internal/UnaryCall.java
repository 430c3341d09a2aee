package io.pvscope.core.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.grpc.stub.StreamObserver;

/** Receives one unary answer into a future and times the round trip. */
public final class UnaryCall<T> implements StreamObserver<T> {

    private final long startNanos = System.nanoTime();
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private volatile T value;
    private volatile Duration latency;

    public CompletableFuture<T> result() {
        return result;
    }

    /** Time from creation to the answer, once there is one. */
    public Optional<Duration> latency() {
        return Optional.ofNullable(latency);
    }

    @Override
    public void onNext(T next) {
        value = next;
    }

    @Override
    public void onError(Throwable error) {
        stopClock();
        result.completeExceptionally(error);
    }

    @Override
    public void onCompleted() {
        stopClock();
        result.complete(value);
    }

    private void stopClock() {
        latency = Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
