package io.pvscope.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.grpc.ManagedChannel;
import io.pvscope.core.internal.Background;
import io.pvscope.core.internal.Channels;
import io.pvscope.core.internal.UnaryCall;
import io.pvscope.proto.v1.AgentInfo;
import io.pvscope.proto.v1.GetAgentInfoRequest;
import io.pvscope.proto.v1.ListUnitsRequest;
import io.pvscope.proto.v1.ListUnitsResponse;
import io.pvscope.proto.v1.PvBusGrpc;

/**
 * One client link to one agent. Every method returns at once: the channel is opened and the calls are
 * made on background threads, and results arrive through the returned futures and the change callback.
 */
public final class TargetConnection {

    /** Bound on every call, so a silent peer turns into FAILED instead of a spinner forever. */
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(10);

    private final Target target;
    private final Consumer<TargetConnection> onChange;
    /** Counts connect/disconnect requests, so that a late answer to an older one cannot overwrite the state. */
    private final AtomicInteger attempts = new AtomicInteger();

    private volatile ManagedChannel channel;
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile Duration lastLatency;
    private volatile AgentInfo agentInfo;
    private volatile ListUnitsResponse units;

    /**
     * @param onChange called after every change of state, latency or fetched data, on the thread that made it
     */
    public TargetConnection(Target target, Consumer<TargetConnection> onChange) {
        this.target = Objects.requireNonNull(target, "target");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
    }

    public Target target() {
        return target;
    }

    public ConnectionState state() {
        return state;
    }

    /** Round-trip time of the last call that completed, successful or not. */
    public Optional<Duration> lastLatency() {
        return Optional.ofNullable(lastLatency);
    }

    /** The agent's answer to the last successful GetAgentInfo. */
    public Optional<AgentInfo> agentInfo() {
        return Optional.ofNullable(agentInfo);
    }

    /** The agent's answer to the last successful ListUnits. */
    public Optional<ListUnitsResponse> units() {
        return Optional.ofNullable(units);
    }

    /**
     * Opens a fresh channel and asks the agent who it is; the connection is CONNECTED once it answered,
     * FAILED (with the reason) otherwise. Any previous channel is closed first.
     */
    public CompletableFuture<AgentInfo> connect() {
        int attempt = attempts.incrementAndGet();
        closeChannel();
        agentInfo = null;
        units = null;
        setState(ConnectionState.CONNECTING);
        return CompletableFuture.supplyAsync(this::openChannel, Background.executor())
                .thenCompose(this::callAgentInfo)
                .whenComplete((info, error) -> {
                    if (attempt == attempts.get()) {
                        setState(error == null
                                ? ConnectionState.CONNECTED
                                : ConnectionState.failed(UnaryCall.describe(error)));
                    }
                });
    }

    /** Closes the channel; calls under way fail. */
    public void disconnect() {
        attempts.incrementAndGet();
        closeChannel();
        setState(ConnectionState.DISCONNECTED);
    }

    /** Asks GetAgentInfo again on the open channel. */
    public CompletableFuture<AgentInfo> fetchAgentInfo() {
        return withChannel().thenCompose(this::callAgentInfo);
    }

    /** Asks ListUnits on the open channel. */
    public CompletableFuture<ListUnitsResponse> fetchUnits() {
        return withChannel().thenCompose(open -> {
            UnaryCall<ListUnitsResponse> call = new UnaryCall<>();
            stub(open).listUnits(ListUnitsRequest.getDefaultInstance(), call);
            return call.result().whenComplete((response, error) -> {
                if (response != null) {
                    units = response;
                }
                recordLatency(call);
            });
        });
    }

    private CompletableFuture<AgentInfo> callAgentInfo(ManagedChannel open) {
        UnaryCall<AgentInfo> call = new UnaryCall<>();
        stub(open).getAgentInfo(GetAgentInfoRequest.getDefaultInstance(), call);
        return call.result().whenComplete((info, error) -> {
            if (info != null) {
                agentInfo = info;
            }
            recordLatency(call);
        });
    }

    private PvBusGrpc.PvBusStub stub(ManagedChannel open) {
        return PvBusGrpc.newStub(open).withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private ManagedChannel openChannel() {
        // Built here, off the caller's thread: the address is resolved while building.
        ManagedChannel created = Channels.plaintext(target.host(), target.port());
        synchronized (this) {
            closeChannel();
            channel = created;
        }
        return created;
    }

    private CompletableFuture<ManagedChannel> withChannel() {
        ManagedChannel open = channel;
        return open == null
                ? CompletableFuture.failedFuture(new IllegalStateException("not connected to " + target.address()))
                : CompletableFuture.completedFuture(open);
    }

    private synchronized void closeChannel() {
        ManagedChannel open = channel;
        channel = null;
        if (open != null) {
            open.shutdownNow();
        }
    }

    private void recordLatency(UnaryCall<?> call) {
        call.latency().ifPresent(latency -> lastLatency = latency);
        onChange.accept(this);
    }

    private void setState(ConnectionState next) {
        state = next;
        onChange.accept(this);
    }
}
