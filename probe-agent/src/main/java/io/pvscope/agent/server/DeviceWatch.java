package io.pvscope.agent.server;

import io.grpc.stub.ServerCallStreamObserver;
import io.pvscope.agent.bus.AgentBus;
import io.pvscope.agent.bus.DeviceSurvey;
import io.pvscope.proto.v1.Device;
import io.pvscope.proto.v1.DeviceEvent;
import io.pvscope.proto.v1.Heartbeat;
import io.pvscope.proto.v1.ListDevicesResponse;
import io.pvscope.proto.v1.SyncMarker;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One WatchDevices stream: every device, a sync marker, then a device again whenever what is known of it
 * changes (a followed store reports a change at once; sysfs devices and problems that come with time are
 * looked at every {@value #LOOK_MILLIS} ms), its source when it is gone, and heartbeats. Runs on the device
 * survey's worker, never on a gRPC thread; a client that does not read is sent nothing until it does, then
 * the devices as they are.
 */
final class DeviceWatch {

    static final long LOOK_MILLIS = 1000;

    private static final Logger LOG = Logger.getLogger(DeviceWatch.class.getName());

    private final ServerCallStreamObserver<DeviceEvent> call;
    private final DeviceSurvey survey;
    private final Supplier<AgentBus.View> view;
    private final Duration stuckAfter;
    private final long heartbeatNanos;
    private final IntFunction<String> refusal;
    /** What was sent of each device, by source, durations left out (see {@link #comparable}). */
    private final Map<String, Device> sent = new HashMap<>();
    private Set<String> errors = Set.of();
    private boolean synced;
    private long lastSentNanos = System.nanoTime();
    private long lastLookNanos;
    private ScheduledFuture<?> ticks;
    private AutoCloseable subscription;
    private volatile boolean over;

    DeviceWatch(ServerCallStreamObserver<DeviceEvent> call, DeviceSurvey survey, Supplier<AgentBus.View> view,
            Duration stuckAfter, Duration heartbeat, IntFunction<String> refusal) {
        this.call = call;
        this.survey = survey;
        this.view = view;
        this.stuckAfter = stuckAfter;
        this.heartbeatNanos = heartbeat.toNanos();
        this.refusal = refusal;
    }

    void start() {
        call.setOnCancelHandler(this::stop);
        subscription = survey.onChange(() -> survey.worker().execute(this::look));
        long period = heartbeatNanos > 0 ? Math.min(heartbeatNanos, TimeUnit.MILLISECONDS.toNanos(LOOK_MILLIS))
                : TimeUnit.MILLISECONDS.toNanos(LOOK_MILLIS);
        survey.worker().execute(this::look);
        // On the instants of every device watch with this period (AlignedTicks).
        ticks = AlignedTicks.schedule(survey.worker(), this::tick, period);
    }

    private void tick() {
        long now = System.nanoTime();
        if (now - lastLookNanos >= TimeUnit.MILLISECONDS.toNanos(LOOK_MILLIS)) {
            look();
        }
        if (heartbeatNanos > 0 && System.nanoTime() - lastSentNanos >= heartbeatNanos && call.isReady()) {
            send(DeviceEvent.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build());
        }
    }

    /** Surveys the devices and sends what changed since the last look. */
    private void look() {
        if (over || !call.isReady()) {
            return;
        }
        lastLookNanos = System.nanoTime();
        try {
            ListDevicesResponse now = DeviceProtos.listDevices(survey.survey(view.get(), stuckAfter, refusal));
            Set<String> present = new LinkedHashSet<>();
            for (Device device : now.getDevicesList()) {
                present.add(device.getSource());
                Device shown = comparable(device);
                if (!shown.equals(sent.get(device.getSource()))) {
                    send(DeviceEvent.newBuilder().setDevice(device).build());
                    sent.put(device.getSource(), shown);
                }
            }
            for (String source : Set.copyOf(sent.keySet())) {
                if (!present.contains(source)) {
                    send(DeviceEvent.newBuilder().setGone(source).build());
                    sent.remove(source);
                }
            }
            Set<String> failed = new LinkedHashSet<>(now.getErrorsList());
            for (String error : failed) {
                if (!errors.contains(error)) {
                    send(DeviceEvent.newBuilder().setError(error).build());
                }
            }
            errors = failed;
            if (!synced) {
                synced = true;
                send(DeviceEvent.newBuilder().setSync(SyncMarker.getDefaultInstance()).build());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a device watch failed", e);
            stop();
            call.onError(io.grpc.Status.INTERNAL.withDescription("the device survey failed: " + e).asRuntimeException());
        }
    }

    /** A stuck pair's reason says for how long: that changes every second without the device changing. */
    static Device comparable(Device device) {
        var state = device.getState().toBuilder();
        state.getProblemsBuilderList().forEach(problem -> problem.setReason(""));
        return device.toBuilder().setState(state).build();
    }

    private void send(DeviceEvent event) {
        if (over) {
            return;
        }
        call.onNext(event);
        lastSentNanos = System.nanoTime();
    }

    private void stop() {
        over = true;
        if (ticks != null) {
            ticks.cancel(false);
        }
        try {
            if (subscription != null) {
                subscription.close();
            }
        } catch (Exception e) {
            LOG.log(Level.FINE, "unsubscribing a device watch failed", e);
        }
    }
}
