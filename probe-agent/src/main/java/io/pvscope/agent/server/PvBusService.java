package io.pvscope.agent.server;

import com.google.protobuf.Duration;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.pvscope.agent.AgentVersion;
import io.pvscope.agent.bus.AgentBus;
import io.pvscope.agent.bus.DeviceSurvey;
import io.pvscope.agent.devices.xenbus.XenbusProblems;
import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.server.connections.DeadlineQueue;
import io.pvscope.agent.server.security.Caller;
import io.pvscope.proto.v1.AgentInfo;
import io.pvscope.proto.v1.BackendStatus;
import io.pvscope.proto.v1.DeviceEvent;
import io.pvscope.proto.v1.DeviceTree;
import io.pvscope.proto.v1.GetAgentInfoRequest;
import io.pvscope.proto.v1.GetDeviceTreeRequest;
import io.pvscope.proto.v1.KvDeleteRequest;
import io.pvscope.proto.v1.KvDeleteResponse;
import io.pvscope.proto.v1.KvListRequest;
import io.pvscope.proto.v1.KvListResponse;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.KvReadResponse;
import io.pvscope.proto.v1.KvTypeRequest;
import io.pvscope.proto.v1.KvTypeResponse;
import io.pvscope.proto.v1.KvWriteRequest;
import io.pvscope.proto.v1.KvWriteResponse;
import io.pvscope.proto.v1.ListDevicesRequest;
import io.pvscope.proto.v1.ListDevicesResponse;
import io.pvscope.proto.v1.ListUnitsRequest;
import io.pvscope.proto.v1.ListUnitsResponse;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.proto.v1.WatchEvent;
import io.pvscope.proto.v1.WatchDevicesRequest;
import io.pvscope.proto.v1.WatchRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The PvBus service. Thin: it maps each request onto the bus and its stores and turns errno failures into
 * gRPC statuses; the backends hold the logic.
 */
public final class PvBusService extends PvBusGrpc.PvBusImplBase {

    private final AgentBus bus;
    private final Supplier<AgentLimits> limits;
    private final BackendCalls backend;
    private final KvRpcs kv;
    private final StoreWalker walker;
    private final SharedPolls polls;
    private final SharedWatches watches;
    /** Streams waiting for a client that reads nothing: each ends after its time without progress. */
    private final DeadlineQueue stalls;
    private final Executor watchWorker;
    private final Clock clock;
    private final Instant started;

    private final DeviceSurvey devices;

    PvBusService(AgentBus bus, Supplier<AgentLimits> limits, AuditLog audit, BackendCalls backend,
                 BackendCalls walks, Executor watchWorker, ScheduledExecutorService scheduler, Clock clock,
                 DeviceSurvey devices) {
        this.bus = bus;
        this.limits = limits;
        this.backend = backend;
        this.kv = new KvRpcs(bus, limits, audit);
        this.walker = new StoreWalker(kv, limits.get().maxWatchKeys(), walks);
        this.polls = new SharedPolls(scheduler, walker);
        this.watches = new SharedWatches(watchWorker);
        this.stalls = new DeadlineQueue(scheduler);
        this.watchWorker = watchWorker;
        this.clock = clock;
        this.started = clock.instant();
        this.devices = devices;
    }

    /** Says what this caller may do, never what others may, and never how anyone authenticates. */
    @Override
    public void getAgentInfo(GetAgentInfoRequest request, StreamObserver<AgentInfo> response) {
        Caller caller = Caller.current();
        java.time.Duration uptime = java.time.Duration.between(started, clock.instant());
        AgentInfo.Builder info = AgentInfo.newBuilder()
                .setAgentVersion(AgentVersion.get())
                .setHostName(hostName())
                .setOsName(System.getProperty("os.name", ""))
                .setOsVersion(System.getProperty("os.version", ""))
                .setArch(System.getProperty("os.arch", ""))
                .setStarted(DetectionProtos.timestamp(started))
                .setUptime(Duration.newBuilder().setSeconds(uptime.getSeconds()).setNanos(uptime.getNano()))
                .setCallerIdentity(caller.identity())
                .setReadOnly(caller.grant().write().isEmpty())
                .addAllAllowedWritePrefixes(caller.grant().write().texts())
                .setLimits(limits.get().toProto())
                .setRoot(bus.detection().root().toString());
        bus.current().units().forEach(unit -> unit.store().ifPresent(store -> info.addBackends(
                backendStatus(unit.number(), store))));
        bus.unavailable().forEach(status -> info.addBackends(BackendStatus.newBuilder()
                .setStore(status.kind()).setUnit(-1).setAvailable(false).setReason(status.reason())));
        response.onNext(info.build());
        response.onCompleted();
    }

    private static BackendStatus backendStatus(int unit, KvStore store) {
        return BackendStatus.newBuilder()
                .setStore(store.info().kind())
                .setUnit(unit)
                .setAvailable(true)
                .setSimulated(store.info().simulated())
                .setReason(store.info().location())
                .build();
    }

    @Override
    public void listUnits(ListUnitsRequest request, StreamObserver<ListUnitsResponse> response) {
        unary(response, () -> DetectionProtos.listUnits(request.getRefresh() ? bus.refresh() : bus.current()));
    }

    @Override
    public void getDeviceTree(GetDeviceTreeRequest request, StreamObserver<DeviceTree> response) {
        unary(response, () -> DetectionProtos.deviceTree((request.getRefresh() ? bus.refresh() : bus.current()).tree()));
    }

    @Override
    public void listDevices(ListDevicesRequest request,
                            StreamObserver<ListDevicesResponse> response) {
        unary(response, () -> {
            java.time.Duration stuckAfter = stuckAfter(request.hasStuckAfter(), request.getStuckAfter());
            Caller caller = Caller.current();
            return DeviceProtos.listDevices(devices.survey(bus.current(), stuckAfter,
                    unit -> storeRefusal(caller, unit)));
        });
    }

    @Override
    public void watchDevices(WatchDevicesRequest request, StreamObserver<DeviceEvent> response) {
        try {
            java.time.Duration stuckAfter = stuckAfter(request.hasStuckAfter(), request.getStuckAfter());
            java.time.Duration heartbeat = request.hasHeartbeatInterval()
                    ? duration("heartbeat_interval", request.getHeartbeatInterval()) : java.time.Duration.ZERO;
            heartbeat = heartbeat.isZero() ? heartbeat
                    : within(heartbeat, MIN_HEARTBEAT_INTERVAL, MAX_HEARTBEAT_INTERVAL);
            Caller caller = Caller.current();
            new DeviceWatch((ServerCallStreamObserver<DeviceEvent>) response, devices, bus::current, stuckAfter,
                    heartbeat, unit -> storeRefusal(caller, unit)).start();
        } catch (StoreException | RuntimeException e) {
            response.onError(ErrorStatuses.failure(e));
        }
    }

    /** The stuck_after of ListDevices and WatchDevices: as asked (checked as any duration), else the default. */
    private static java.time.Duration stuckAfter(boolean given, Duration requested) throws StoreException {
        return given ? duration("stuck_after", requested) : XenbusProblems.DEFAULT_STUCK_AFTER;
    }

    /** Why the caller may not read the whole store of a unit, as surveying its devices does; null if it may. */
    private String storeRefusal(Caller caller, int unit) {
        AgentBus.View view = bus.current();
        KvStore store = unit >= 0 && unit < view.units().size() ? view.units().get(unit).store().orElse(null) : null;
        if (store == null) {
            return "unit " + unit + " has no store";
        }
        return kv.wholeStoreRefusal(caller, unit, store);
    }

    /** Polls of stores without native watches running now, for tests. */
    int sharedPolls() {
        return polls.size();
    }

    @Override
    public void kvRead(KvReadRequest request, StreamObserver<KvReadResponse> response) {
        if (!kv.detected()) {
            // The checks wait for the first detection: on a backend thread, under the backend deadline.
            unaryAsync(response, () -> kv.checked(request).answer());
            return;
        }
        // A read the store can start at once is answered from where it ends, as a server answering from memory
        // would: no backend thread.
        KvRpcs.CheckedRead read;
        Optional<CompletionStage<KvReadResponse>> started;
        try {
            read = kv.checked(request);
            started = read.startedWithoutWaiting();
        } catch (StoreException | RuntimeException e) {
            response.onError(ErrorStatuses.failure(e));
            return;
        }
        if (started.isEmpty()) {
            unaryAsync(response, read::answer);
            return;
        }
        var observer = (ServerCallStreamObserver<KvReadResponse>) response;
        DeadlineQueue.Entry pending = backend.whenAnswered(started.get(), answerTo(observer));
        if (pending != null) {
            watchCancel(observer, pending);
        }
    }

    @Override
    public void kvWrite(KvWriteRequest request, StreamObserver<KvWriteResponse> response) {
        unary(response, () -> kv.write(request));
    }

    @Override
    public void kvDelete(KvDeleteRequest request, StreamObserver<KvDeleteResponse> response) {
        unary(response, () -> kv.delete(request));
    }

    @Override
    public void kvType(KvTypeRequest request, StreamObserver<KvTypeResponse> response) {
        unary(response, () -> kv.type(request));
    }

    @Override
    public void kvList(KvListRequest request, StreamObserver<KvListResponse> response) {
        try {
            kv.list(request, (ServerCallStreamObserver<KvListResponse>) response, backend, stalls);
        } catch (StoreException | RuntimeException e) {
            response.onError(ErrorStatuses.failure(e));
        }
    }

    @Override
    public void watch(WatchRequest request, StreamObserver<WatchEvent> response) {
        var call = (ServerCallStreamObserver<WatchEvent>) response;
        try {
            request.getPrefixesList().forEach(prefix -> kv.limits().checkKey(prefix));
            KvStore store = bus.current().store(request.getUnit());
            // No prefix, or an empty one, watches the whole store: its root, in the store's own syntax.
            java.util.List<String> prefixes = (request.getPrefixesList().isEmpty() ? java.util.List.of("")
                    : request.getPrefixesList()).stream()
                    .map(prefix -> prefix.isEmpty() ? store.root() : prefix).distinct().toList();
            for (String prefix : prefixes) {
                kv.checkRead("watch", request.getUnit(), store, prefix, false);
            }
            java.time.Duration interval = within(request.hasPollInterval()
                    ? duration("poll_interval", request.getPollInterval()) : limits.get().defaultPollInterval(),
                    limits.get().minPollInterval(), MAX_POLL_INTERVAL);
            // Zero asks for no heartbeats; other intervals are kept within bounds, as poll intervals are.
            java.time.Duration heartbeat = request.hasHeartbeatInterval()
                    ? duration("heartbeat_interval", request.getHeartbeatInterval()) : java.time.Duration.ZERO;
            heartbeat = heartbeat.isZero() ? heartbeat
                    : within(heartbeat, MIN_HEARTBEAT_INTERVAL, MAX_HEARTBEAT_INTERVAL);
            new WatchSession(Caller.current().grant(), request.getUnit(), store, prefixes,
                    new WatchSession.Intervals(interval, heartbeat), call, walker, watches, watchWorker, polls,
                    clock).start();
        } catch (StoreException | RuntimeException e) {
            response.onError(ErrorStatuses.failure(e));
        }
    }

    /** Heartbeats no closer than this: enough to tell a stopped guest within a second, cheap for many streams. */
    static final java.time.Duration MIN_HEARTBEAT_INTERVAL = java.time.Duration.ofMillis(100);
    /** ... and no further apart than this. */
    static final java.time.Duration MAX_HEARTBEAT_INTERVAL = java.time.Duration.ofHours(1);

    /** {@code requested}, raised to {@code min} or lowered to {@code max} when outside them. */
    private static java.time.Duration within(java.time.Duration requested, java.time.Duration min,
                                             java.time.Duration max) {
        return requested.compareTo(min) < 0 ? min : requested.compareTo(max) > 0 ? max : requested;
    }

    /** The longest poll interval granted; a longer one asked for is shortened to it, as a shorter than the minimum is raised. */
    static final java.time.Duration MAX_POLL_INTERVAL = java.time.Duration.ofDays(1);

    /**
     * An interval as the client sent it: a negative one, or one that is not a valid protobuf Duration
     * (seconds beyond ±10 000 years, nanos outside 0..999 999 999), is EINVAL rather than an overflow later.
     */
    private static java.time.Duration duration(String field, com.google.protobuf.Duration requested)
            throws StoreException {
        if (!com.google.protobuf.util.Durations.isValid(requested) || requested.getSeconds() < 0
                || requested.getNanos() < 0) {
            throw new StoreException(io.pvscope.agent.kv.Errno.EINVAL, field + " " + requested.getSeconds()
                    + " s " + requested.getNanos() + " ns is not a duration of zero or more");
        }
        return java.time.Duration.ofSeconds(requested.getSeconds(), requested.getNanos());
    }

    /**
     * A unary call's backend work, answered from the backend thread that did it (or at its deadline): the
     * transport thread that received the call does not wait for it.
     */
    private <T> void unary(StreamObserver<T> response, BackendCalls.Call<T> call) {
        var observer = (ServerCallStreamObserver<T>) response;
        watchCancel(observer, backend.submit(call, answerTo(observer)));
    }

    /** {@link #unary} for work the store answers on a thread of its own: answered there. */
    private <T> void unaryAsync(StreamObserver<T> response, BackendCalls.AsyncCall<T> call) {
        var observer = (ServerCallStreamObserver<T>) response;
        watchCancel(observer, backend.submitAsync(call, answerTo(observer)));
    }

    private static <T> BackendCalls.Outcome<T> answerTo(ServerCallStreamObserver<T> observer) {
        return new BackendCalls.Outcome<>() {
            @Override
            public void succeeded(T result) {
                observer.onNext(result);
                observer.onCompleted();
            }

            @Override
            public void failed(Exception failure) {
                observer.onError(ErrorStatuses.failure(failure));
            }
        };
    }

    /** A call the client gave up is answered to nobody; its backend work, if started, still ends. */
    private static void watchCancel(ServerCallStreamObserver<?> observer, DeadlineQueue.Entry pending) {
        observer.setOnCancelHandler(pending::settle);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
