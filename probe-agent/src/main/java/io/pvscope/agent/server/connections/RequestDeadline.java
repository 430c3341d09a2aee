package io.pvscope.agent.server.connections;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Ends a call whose request message has not arrived within the request timeout (DEADLINE_EXCEEDED): every
 * call of the agent takes exactly one request, and a peer that opens calls and never sends it would
 * otherwise hold its client's call slots for as long as it likes.
 */
public final class RequestDeadline implements ServerInterceptor {

    private final Supplier<Duration> timeout;
    private final DeadlineQueue deadlines;

    public RequestDeadline(Supplier<Duration> timeout, DeadlineQueue deadlines) {
        this.timeout = timeout;
        this.deadlines = deadlines;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        Duration limit = timeout.get();
        DeadlineQueue.Entry awaited = deadlines.add(limit.toNanos(), () -> call.close(Status.DEADLINE_EXCEEDED
                .withDescription("no request message within " + limit.toMillis()
                        + " ms of the call's start (request_timeout)"), new Metadata()));
        ServerCall.Listener<Q> listener = next.startCall(call, headers);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            /** Whether the request arrived in time: settled by it, or by the deadline (the call is closed then). */
            private volatile boolean arrived;

            @Override
            public void onMessage(Q message) {
                if (!arrived && !awaited.settle()) {
                    return;
                }
                arrived = true;
                super.onMessage(message);
            }

            @Override
            public void onHalfClose() {
                if (!arrived && !awaited.settle()) {
                    return;
                }
                arrived = true;
                super.onHalfClose();
            }

            @Override
            public void onCancel() {
                awaited.settle();
                super.onCancel();
            }

            @Override
            public void onComplete() {
                awaited.settle();
                super.onComplete();
            }
        };
    }
}
