package io.pvscope.agent.server.connections;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Ends a call whose request message has not arrived within the request timeout (DEADLINE_EXCEEDED): every
 * call of the agent takes exactly one request, and a peer that opens calls and never sends it would
 * otherwise hold its client's call slots for as long as it likes.
 */
public final class RequestDeadline implements ServerInterceptor {

    private final Supplier<Duration> timeout;
    private final ScheduledExecutorService timer;

    public RequestDeadline(Supplier<Duration> timeout, ScheduledExecutorService timer) {
        this.timeout = timeout;
        this.timer = timer;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        Duration limit = timeout.get();
        Awaited awaited = new Awaited();
        ScheduledFuture<?> expiry = timer.schedule(() -> {
            synchronized (awaited) {
                if (awaited.arrived || awaited.ended) {
                    return;
                }
                awaited.expired = true;
            }
            call.close(Status.DEADLINE_EXCEEDED.withDescription("no request message within "
                    + limit.toMillis() + " ms of the call's start (request_timeout)"), new Metadata());
        }, limit.toNanos(), TimeUnit.NANOSECONDS);
        ServerCall.Listener<Q> listener = next.startCall(call, headers);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onMessage(Q message) {
                synchronized (awaited) {
                    if (awaited.expired) {
                        return;
                    }
                    awaited.arrived = true;
                }
                expiry.cancel(false);
                super.onMessage(message);
            }

            @Override
            public void onHalfClose() {
                synchronized (awaited) {
                    if (awaited.expired) {
                        return;
                    }
                }
                super.onHalfClose();
            }

            @Override
            public void onCancel() {
                end();
                super.onCancel();
            }

            @Override
            public void onComplete() {
                end();
                super.onComplete();
            }

            private void end() {
                synchronized (awaited) {
                    awaited.ended = true;
                }
                expiry.cancel(false);
            }
        };
    }

    /** What happened to one call's request so far; guarded by itself. */
    private static final class Awaited {
        boolean arrived;
        boolean ended;
        boolean expired;
    }
}
