package io.pvscope.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.pvscope.client.AgentFailure;
import io.pvscope.client.Silence;
import io.pvscope.core.internal.Backoff;
import io.pvscope.core.internal.Background;
import io.pvscope.core.internal.BusTreeCache;
import io.pvscope.core.internal.Channels;
import io.pvscope.core.internal.LivenessProbe;
import io.pvscope.core.internal.ProtoModels;
import io.pvscope.core.internal.UnaryCall;
import io.pvscope.proto.v1.AgentInfo;
import io.pvscope.proto.v1.DeviceTree;
import io.pvscope.proto.v1.ListDevicesRequest;
import io.pvscope.proto.v1.ListDevicesResponse;
import io.pvscope.proto.v1.GetAgentInfoRequest;
import io.pvscope.proto.v1.GetDeviceTreeRequest;
import io.pvscope.proto.v1.ListUnitsRequest;
import io.pvscope.proto.v1.ListUnitsResponse;
import io.pvscope.proto.v1.PvBusGrpc;

/**
 * One client link to one agent. Every method returns at once: the channel is opened and the calls are
 * made on background threads, and results arrive through the returned futures and the change callback.
 * <p>
 * Once connected, the link watches its channel: when the agent goes away the state becomes RECONNECTING
 * and fresh channels are tried with back-off until the agent answers again (CONNECTED) or the user
 * disconnects. A first connect that fails is not retried: that is usually a wrong address.
 */
public final class TargetConnection {

    /** Bound on every call unless the owner says otherwise, so a silent peer turns into an error. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
    /** gRPC's own default bound on one message received from the agent. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);
    /** How often an open connection pings its agent; three missed make it NOT_ANSWERING (about 3 s). */
    public static final Duration PING_INTERVAL = Silence.DEFAULT_HEARTBEAT;
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Target target;
    private final SecretStore secrets;
    private final Consumer<TargetConnection> onChange;
    private final Supplier<Duration> callTimeout;
    private final IntSupplier maxMessageBytes;
    /** Counts connect/disconnect requests, so that a late answer to an older one cannot overwrite the state. */
    private final AtomicInteger attempts = new AtomicInteger();
    private final Backoff backoff = new Backoff(FIRST_RETRY, LONGEST_RETRY);

    private volatile ManagedChannel channel;
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile Duration lastLatency;
    private volatile AgentInfo agentInfo;
    private volatile ListUnitsResponse units;
    private volatile DeviceTree deviceTree;
    private volatile ListDevicesResponse devices;
    private volatile LivenessProbe probe;
    private volatile Instant notAnsweringSince;
    private final AtomicLong interruptions = new AtomicLong();
    private final BusTreeCache busTrees = new BusTreeCache();

    /**
     * @param onChange called after every change of state, latency or fetched data, on the thread that made it
     */
    public TargetConnection(Target target, Consumer<TargetConnection> onChange) {
        this(target, onChange, () -> DEFAULT_CALL_TIMEOUT);
    }

    /** @param callTimeout asked before each call, so a changed preference applies to the next call */
    public TargetConnection(Target target, Consumer<TargetConnection> onChange, Supplier<Duration> callTimeout) {
        this(target, SecretStore.NONE, onChange, callTimeout);
    }

    /** @param secrets asked for the target's token at each (re)connect, so a changed token applies then */
    public TargetConnection(Target target, SecretStore secrets, Consumer<TargetConnection> onChange,
                            Supplier<Duration> callTimeout) {
        this(target, secrets, onChange, callTimeout, () -> DEFAULT_MAX_MESSAGE_BYTES);
    }

    /**
     * @param maxMessageBytes asked before each call: the largest message accepted from the agent, beyond which
     *        the call fails RESOURCE_EXHAUSTED instead of filling the IDE's memory
     */
    public TargetConnection(Target target, SecretStore secrets, Consumer<TargetConnection> onChange,
                            Supplier<Duration> callTimeout, IntSupplier maxMessageBytes) {
        this.maxMessageBytes = Objects.requireNonNull(maxMessageBytes, "maxMessageBytes");
        this.target = Objects.requireNonNull(target, "target");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
    }

    public Target target() {
        return target;
    }

    public ConnectionState state() {
        return state;
    }

    /**
     * The live round trip: the median of the last minute's pings while connected, else the round trip of the
     * last call that completed, successful or not.
     */
    public Optional<Duration> lastLatency() {
        LivenessProbe running = probe;
        return running != null ? running.latencies().median().or(() -> Optional.ofNullable(lastLatency))
                : Optional.ofNullable(lastLatency);
    }

    /**
     * How many times the agent stopped answering or was lost while connected. A view that looks at the state
     * only now and then tells by this that a short silence passed between two looks.
     */
    public long interruptions() {
        return interruptions.get();
    }

    /** When the agent last answered before it stopped, while it is NOT_ANSWERING. */
    public Optional<Instant> notAnsweringSince() {
        return state.status() == ConnectionStatus.NOT_ANSWERING ? Optional.ofNullable(notAnsweringSince)
                : Optional.empty();
    }

    /** The agent's answer to the last successful GetAgentInfo. */
    public Optional<AgentInfo> agentInfo() {
        return Optional.ofNullable(agentInfo);
    }

    /** The agent's answer to the last successful ListUnits since the last (re)connect. */
    public Optional<ListUnitsResponse> units() {
        return Optional.ofNullable(units);
    }

    /** The agent's answer to the last successful GetDeviceTree since the last (re)connect. */
    public Optional<DeviceTree> deviceTree() {
        return Optional.ofNullable(deviceTree);
    }

    /** What the agent said of itself at the last successful GetAgentInfo, for the views. */
    public Optional<AgentProperties> agentProperties() {
        return agentInfo().map(ProtoModels::agent);
    }

    /** The units of the last successful ListUnits since the last (re)connect, for the views. */
    public Optional<List<UnitDescriptor>> unitList() {
        return units().map(ProtoModels::units);
    }

    /** What the last successful ListUnits since the last (re)connect says of the guest, for the views. */
    public Optional<GuestProperties> guest() {
        return units().map(ProtoModels::guest);
    }

    /** Asks ListUnits on the open channel; completes with the units. */
    public CompletableFuture<List<UnitDescriptor>> fetchUnitList() {
        return fetchUnits().thenApply(ProtoModels::units);
    }

    /** True once the device tree was read since the last (re)connect. */
    public boolean hasDeviceTree() {
        return deviceTree != null;
    }

    /**
     * The device tree as the views show it, once the units and the tree were read since the last (re)connect,
     * with the devices' decoded state when it was read. The same nodes come back while nothing shown changed.
     */
    public Optional<BusNode> busTree() {
        ListUnitsResponse knownUnits = units;
        DeviceTree knownTree = deviceTree;
        if (knownUnits == null || knownTree == null) {
            return Optional.empty();
        }
        ListDevicesResponse knownDevices = devices;
        return Optional.of(busTrees.of(knownTree, knownUnits,
                knownDevices != null ? knownDevices : ListDevicesResponse.getDefaultInstance()));
    }

    /**
     * Reads the units, the device tree and then the devices' decoded state; the last is extra, so an agent
     * without ListDevices still has its tree. {@link #busTree()} shows the result.
     */
    public CompletableFuture<Void> fetchBusTree() {
        return fetchUnits().thenCompose(read -> fetchDeviceTree())
                .thenCompose(tree -> fetchDevices().handle((read, ignored) -> tree))
                .thenApply(tree -> null);
    }

    /** Reads the devices' decoded state again; completes true when the tree shows them otherwise than before. */
    public CompletableFuture<Boolean> refreshDeviceStates() {
        ListDevicesResponse before = devices;
        return fetchDevices().thenApply(after -> !BusTreeCache.alike(before, after));
    }

    /**
     * Opens a fresh channel and asks the agent who it is; the connection is CONNECTED once it answered,
     * FAILED (with the reason) otherwise. Any previous channel is closed first.
     */
    public CompletableFuture<AgentProperties> connect() {
        int attempt = attempts.incrementAndGet();
        backoff.reset();
        closeChannel();
        agentInfo = null;
        units = null;
        deviceTree = null;
        devices = null;
        setState(ConnectionState.CONNECTING);
        return open(attempt).handle((open, error) -> {
            if (attempt == attempts.get()) {
                if (error == null) {
                    setState(ConnectionState.CONNECTED);
                    watchChannel(attempt, open);
                    startProbe(attempt, open);
                } else {
                    closeChannel();
                    setState(ConnectionState.failed(AgentFailure.of(error).describe()));
                }
            }
            if (error != null) {
                throw new CompletionException(error);
            }
            return ProtoModels.agent(agentInfo);
        });
    }

    /** Closes the channel and stops reconnecting; calls under way fail. */
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

    /** Asks GetDeviceTree on the open channel. */
    /**
     * Asks the agent for its devices with their decoded state (ListDevices). An agent too old to have the
     * call answers UNIMPLEMENTED, which the future carries like any failure.
     */
    public CompletableFuture<ListDevicesResponse> fetchDevices() {
        return withChannel().thenCompose(open -> {
            UnaryCall<ListDevicesResponse> call = new UnaryCall<>();
            stub(open).listDevices(ListDevicesRequest.getDefaultInstance(), call);
            return call.result().whenComplete((response, error) -> {
                if (response != null) {
                    devices = response;
                }
                recordLatency(call);
            });
        });
    }

    /** The agent's answer to the last successful ListDevices. */
    public Optional<ListDevicesResponse> devices() {
        return Optional.ofNullable(devices);
    }

    public CompletableFuture<DeviceTree> fetchDeviceTree() {
        return withChannel().thenCompose(open -> {
            UnaryCall<DeviceTree> call = new UnaryCall<>();
            stub(open).getDeviceTree(GetDeviceTreeRequest.getDefaultInstance(), call);
            return call.result().whenComplete((response, error) -> {
                if (response != null) {
                    deviceTree = response;
                }
                recordLatency(call);
            });
        });
    }

    /** Reads, writes and watches the key/value store of one unit through this connection. */
    public UnitStore store(int unit) {
        return new UnitStore(this, unit);
    }

    /** A stub bound by the call timeout, on the open channel. */
    CompletableFuture<PvBusGrpc.PvBusStub> unaryStub() {
        return withChannel().thenApply(this::stub);
    }

    /** A stub without deadline, for streams that live as long as the user looks at them. */
    CompletableFuture<PvBusGrpc.PvBusStub> streamingStub() {
        return withChannel().thenApply(open -> PvBusGrpc.newStub(open)
                .withMaxInboundMessageSize(maxMessageBytes.getAsInt()));
    }

    /** Something came from the agent: proof of life, as an answered ping is. */
    void heardFromAgent() {
        LivenessProbe running = probe;
        if (running != null) {
            running.heard();
        }
    }

    void recordLatency(UnaryCall<?> call) {
        call.latency().ifPresent(latency -> lastLatency = latency);
        onChange.accept(this);
    }

    private CompletableFuture<ManagedChannel> open(int attempt) {
        return CompletableFuture.supplyAsync(() -> openChannel(attempt), Background.executor())
                .thenCompose(open -> callAgentInfo(open).thenApply(info -> open));
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
        return PvBusGrpc.newStub(open).withDeadlineAfter(callTimeout.get().toMillis(), TimeUnit.MILLISECONDS)
                .withMaxInboundMessageSize(maxMessageBytes.getAsInt());
    }

    private ManagedChannel openChannel(int attempt) {
        // Built here, off the caller's thread: the address is resolved while building.
        ManagedChannel created;
        try {
            created = Channels.open(target, secrets.token(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        synchronized (this) {
            if (attempt != attempts.get()) {
                created.shutdownNow();
                throw new CancellationException("superseded by a later connect or disconnect");
            }
            closeChannel();
            channel = created;
        }
        return created;
    }

    /** Waits for the channel to leave its current state; leaving READY means the transport is gone. */
    private void watchChannel(int attempt, ManagedChannel open) {
        ConnectivityState now = open.getState(false);
        open.notifyWhenStateChanged(now, () -> channelStateChanged(attempt, open));
    }

    private void channelStateChanged(int attempt, ManagedChannel open) {
        if (attempt != attempts.get() || open != channel) {
            return;
        }
        ConnectivityState now = open.getState(false);
        if (now == ConnectivityState.READY || now == ConnectivityState.CONNECTING) {
            watchChannel(attempt, open);
            return;
        }
        // The transport went away (IDLE, TRANSIENT_FAILURE): ask the agent whether it is still there.
        callAgentInfo(open).whenComplete((info, error) -> {
            if (attempt != attempts.get()) {
                return;
            }
            if (error == null) {
                watchChannel(attempt, open);
            } else {
                closeChannel();
                scheduleRetry(attempt, AgentFailure.of(error).describe());
            }
        });
    }

    private void scheduleRetry(int attempt, String reason) {
        Duration delay = backoff.next();
        setState(ConnectionState.reconnecting("agent lost (" + reason + "); attempt " + backoff.failures()
                + " in " + delay.toMillis() + " ms"));
        Background.scheduler().schedule(() -> retry(attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void retry(int attempt) {
        if (attempt != attempts.get()) {
            return;
        }
        open(attempt).whenComplete((open, error) -> {
            if (attempt != attempts.get()) {
                return;
            }
            if (error == null) {
                backoff.reset();
                // The agent may have restarted with other units: views fetch them again.
                units = null;
                deviceTree = null;
                devices = null;
                setState(ConnectionState.CONNECTED);
                watchChannel(attempt, open);
                startProbe(attempt, open);
            } else {
                closeChannel();
                scheduleRetry(attempt, AgentFailure.of(error).describe());
            }
        });
    }

    private void startProbe(int attempt, ManagedChannel open) {
        LivenessProbe started = new LivenessProbe(open, PING_INTERVAL, new LivenessProbe.Listener() {
            @Override
            public void answered(Optional<Duration> silence) {
                if (attempt != attempts.get()) {
                    return;
                }
                if (state.status() == ConnectionStatus.NOT_ANSWERING) {
                    // Back: the views are current again; open watches bring what changed meanwhile.
                    setState(ConnectionState.CONNECTED);
                } else {
                    onChange.accept(TargetConnection.this);
                }
            }

            @Override
            public void notAnswering(Instant lastAnswer) {
                if (attempt != attempts.get() || state.status() != ConnectionStatus.CONNECTED) {
                    return;
                }
                notAnsweringSince = lastAnswer;
                setState(ConnectionState.notAnswering("not answering since "
                        + CLOCK_TIME.format(lastAnswer.atZone(ZoneId.systemDefault())) + " (" + Silence.WHY + ")"));
            }
        }, Clock.systemUTC());
        synchronized (this) {
            if (attempt != attempts.get() || channel != open) {
                return;
            }
            LivenessProbe previous = probe;
            probe = started;
            if (previous != null) {
                previous.close();
            }
        }
        started.start();
    }

    private CompletableFuture<ManagedChannel> withChannel() {
        ManagedChannel open = channel;
        // Not answering is still connected: a call then waits for its deadline, which says so.
        ConnectionStatus status = state.status();
        return open == null || (status != ConnectionStatus.CONNECTED && status != ConnectionStatus.NOT_ANSWERING)
                ? CompletableFuture.failedFuture(new IllegalStateException("not connected to " + target.address()))
                : CompletableFuture.completedFuture(open);
    }

    private synchronized void closeChannel() {
        LivenessProbe running = probe;
        probe = null;
        if (running != null) {
            running.close();
        }
        ManagedChannel open = channel;
        channel = null;
        if (open != null) {
            open.shutdownNow();
        }
    }

    private void setState(ConnectionState next) {
        ConnectionStatus was = state.status();
        if (was == ConnectionStatus.CONNECTED && (next.status() == ConnectionStatus.NOT_ANSWERING
                || next.status() == ConnectionStatus.RECONNECTING)) {
            interruptions.incrementAndGet();
        }
        state = next;
        onChange.accept(this);
    }
}
