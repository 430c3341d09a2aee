package io.pvscope.agent.server.security;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pvscope.agent.server.AgentLimits;
import io.pvscope.agent.server.AuditLog;
import io.pvscope.agent.server.ErrorStatuses;
import io.pvscope.proto.v1.PvBusGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Per-client limits (per local user for the shared local client on loopback TCP), applied after
 * authentication so that one client's excess never costs another: a rate
 * (token bucket), calls in progress, streams in progress, and the agent-wide number of watches. A refusal
 * is RESOURCE_EXHAUSTED naming the limit, and is audited.
 */
public final class CallLimiter implements ServerInterceptor {

    /** Watch's name, written out: the generated descriptor would load Watch's messages with it. */
    static final String WATCH = MethodDescriptor.generateFullMethodName(PvBusGrpc.SERVICE_NAME, "Watch");

    private final Supplier<AgentLimits> limits;
    private final AuditLog audit;
    private final LongSupplier nanoTime;
    private final Map<String, ClientState> clients = new ConcurrentHashMap<>();
    private final AtomicInteger watchers = new AtomicInteger();

    public CallLimiter(Supplier<AgentLimits> limits, AuditLog audit, LongSupplier nanoTime) {
        this.limits = limits;
        this.audit = audit;
        this.nanoTime = nanoTime;
    }

    /** Limits changed (a reload): rate buckets start again with the new rate; counts carry over. */
    public void limitsChanged() {
        clients.values().forEach(state -> state.bucket = null);
    }

    private final class ClientState {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger streams = new AtomicInteger();
        volatile TokenBucket bucket;

        TokenBucket bucket(AgentLimits now) {
            TokenBucket b = bucket;
            if (b == null) {
                synchronized (this) {
                    if (bucket == null) {
                        bucket = new TokenBucket(now.ratePerSecond(), now.rateBurst(), nanoTime);
                    }
                    b = bucket;
                }
            }
            return b;
        }
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        Caller caller = Caller.current();
        AgentLimits now = limits.get();
        ClientState state = clients.computeIfAbsent(caller.accountable(), id -> new ClientState());
        List<AtomicInteger> held = new ArrayList<>();
        try {
            if (!state.bucket(now).tryTake()) {
                throw exceeded("rate_per_second", "more than " + now.ratePerSecond() + " calls a second"
                        + " (bursts of " + now.rateBurst() + ") from '" + caller.accountable() + "'");
            }
            acquire(held, state.calls, now.maxCallsPerClient(), "max_calls_per_client",
                    () -> "calls in progress from '" + caller.accountable() + "'");
            if (call.getMethodDescriptor().getType() != MethodDescriptor.MethodType.UNARY) {
                acquire(held, state.streams, now.maxStreamsPerClient(), "max_streams_per_client",
                        () -> "streams open from '" + caller.accountable() + "'");
            }
            if (call.getMethodDescriptor().getFullMethodName().equals(WATCH)) {
                acquire(held, watchers, now.maxWatchers(), "max_watchers", () -> "watches open on this agent");
            }
        } catch (StatusRuntimeException e) {
            held.forEach(AtomicInteger::decrementAndGet);
            audit.refusedCall(call.getMethodDescriptor().getFullMethodName(), caller.peer(), caller.identity(),
                    "refused", e.getStatus().getDescription());
            call.close(e.getStatus(), e.getTrailers() == null ? new Metadata() : e.getTrailers());
            return new ServerCall.Listener<>() {
            };
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                held.forEach(AtomicInteger::decrementAndGet);
            }
        };
        ServerCall.Listener<Q> listener;
        try {
            listener = next.startCall(call, headers);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onComplete() {
                release.run();
                super.onComplete();
            }

            @Override
            public void onCancel() {
                release.run();
                super.onCancel();
            }
        };
    }

    /** {@code what} is only spelt out for a refusal: every call passes here. */
    private static void acquire(List<AtomicInteger> held, AtomicInteger counter, int max, String limit,
                                Supplier<String> what) {
        if (counter.incrementAndGet() > max) {
            counter.decrementAndGet();
            throw exceeded(limit, "more than " + max + " " + what.get());
        }
        held.add(counter);
    }

    private static StatusRuntimeException exceeded(String limit, String message) {
        return ErrorStatuses.limit(Status.Code.RESOURCE_EXHAUSTED, limit, message + " (limit " + limit + ")");
    }
}
