package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.proto.v1.WatchEvent;
import io.pvscope.proto.v1.WatchRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A Watch stream's events as a queue, for tests that wait for one event at a time (bounded). */
final class WatchEvents implements AutoCloseable {

    private final BlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
    private final Context.CancellableContext context = Context.current().withCancellation();

    WatchEvents(PvBusGrpc.PvBusStub stub, WatchRequest request) {
        context.run(() -> stub.watch(request, new StreamObserver<>() {
            @Override
            public void onNext(WatchEvent event) {
                events.add(event);
            }

            @Override
            public void onError(Throwable t) {
                failures.add(t);
            }

            @Override
            public void onCompleted() {
            }
        }));
    }

    WatchEvent next() throws InterruptedException {
        WatchEvent event = events.poll(15, TimeUnit.SECONDS);
        assertThat(event).as("a watch event within 15 s").isNotNull();
        return event;
    }

    /** The next event if one comes within {@code wait}. */
    Optional<WatchEvent> poll(Duration wait) throws InterruptedException {
        return Optional.ofNullable(events.poll(wait.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** How the stream failed, waiting up to 15 s for it to. */
    StatusRuntimeException failure() throws InterruptedException {
        Throwable failure = failures.poll(15, TimeUnit.SECONDS);
        assertThat(failure).as("the stream to fail within 15 s").isInstanceOf(StatusRuntimeException.class);
        return (StatusRuntimeException) failure;
    }

    /** Skips events until one matches. */
    WatchEvent until(Predicate<WatchEvent> wanted) throws InterruptedException {
        WatchEvent event = next();
        while (!wanted.test(event)) {
            event = next();
        }
        return event;
    }

    @Override
    public void close() {
        context.cancel(null);
    }
}
