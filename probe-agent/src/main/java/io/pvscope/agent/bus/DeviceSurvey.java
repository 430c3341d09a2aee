package io.pvscope.agent.bus;

import io.pvscope.agent.detect.DetectedUnit;
import io.pvscope.agent.fs.SystemRoot;
import io.pvscope.agent.devices.DecodedDevice;
import io.pvscope.agent.openbsd.OpenBsdVirtioDevices;
import io.pvscope.agent.devices.virtio.VirtioDevice;
import io.pvscope.agent.devices.virtio.VirtioDevices;
import io.pvscope.agent.devices.vmbus.VmbusDevice;
import io.pvscope.agent.devices.vmbus.VmbusDevices;
import io.pvscope.agent.devices.xenbus.XenbusDevice;
import io.pvscope.agent.devices.xenbus.XenbusDeviceState;
import io.pvscope.agent.devices.xenbus.XenbusDevices;
import io.pvscope.agent.devices.xenbus.XenbusEnd;
import io.pvscope.agent.devices.xenbus.XenbusMonitor;
import io.pvscope.agent.devices.xenbus.XenbusProblems;
import io.pvscope.agent.devices.xenbus.XenbusTimeline;
import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.tree.LinuxDeviceTree;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntFunction;

/**
 * Finds the paravirtual devices of the bus and decodes their protocol state: XenBus pairs in each unit's
 * XenStore, virtio and VMBus devices in the guest's sysfs. Each XenStore keeps a timeline of the states its
 * devices were seen in across surveys, which is how a pair that does not move is told from one that just
 * arrived. Thread-safe.
 */
public final class DeviceSurvey implements AutoCloseable {

    /**
     * One device.
     *
     * @param bus    "xenbus", "virtio" or "vmbus"
     * @param unit   the unit it belongs to, or -1
     * @param source where it was read: a XenStore path or a sysfs directory
     */
    public record Found(String bus, int unit, String source, DecodedDevice device) {
    }

    /** @param errors sources that could not be read, with why; the other devices stand */
    public record Report(List<Found> devices, List<String> errors) {

        public Report {
            devices = List.copyOf(devices);
            errors = List.copyOf(errors);
        }
    }

    private final SystemRoot root;
    private final Clock clock;
    private final Map<Integer, XenbusTimeline> timelines = new ConcurrentHashMap<>();
    private final Map<Integer, XenbusMonitor> monitors = new ConcurrentHashMap<>();
    private final java.util.Set<Runnable> changeListeners = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pvscope-xenbus-monitor");
        thread.setDaemon(true);
        return thread;
    });

    public DeviceSurvey(SystemRoot root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    /**
     * @param view       the bus as it is now
     * @param stuckAfter how long a XenBus pair may sit between handshake steps
     * @param refusal    why the caller may not read a unit's whole store (a survey reads all over it), or
     *                   null when it may
     */
    public Report survey(AgentBus.View view, Duration stuckAfter, IntFunction<String> refusal) {
        List<Found> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Instant now = clock.instant();
        for (BusUnit unit : view.units()) {
            Optional<KvStore> store = unit.store().filter(s -> s.info().kind().equals("xenstore"));
            if (store.isEmpty()) {
                continue;
            }
            String refused = refusal.apply(unit.number());
            if (refused != null) {
                errors.add("unit " + unit.number() + " (xenstore): EACCES: " + refused);
                continue;
            }
            try {
                found.addAll(xenbus(unit.number(), store.get(), now, stuckAfter));
            } catch (StoreException e) {
                errors.add("unit " + unit.number() + " (xenstore): " + e.errno().name() + ": " + e.getMessage());
            }
        }
        int virtioUnit = LinuxDeviceTree.virtioUnit(view.report());
        for (VirtioDevice device : new VirtioDevices(root).read()) {
            found.add(new Found("virtio", virtioUnit, "/sys/bus/virtio/devices/" + device.name(), device));
        }
        for (VirtioDevice device : new OpenBsdVirtioDevices(root).read()) {
            found.add(new Found("virtio", virtioUnit, "dmesg: " + device.name(), device));
        }
        int hyperV = view.report().units().stream().filter(u -> u.name().equals("Hyper-V"))
                .mapToInt(DetectedUnit::unit).findFirst().orElse(-1);
        for (VmbusDevice device : new VmbusDevices(root).read()) {
            found.add(new Found("vmbus", hyperV, "/sys/bus/vmbus/devices/" + device.instance(), device));
        }
        return new Report(found, errors);
    }

    private List<Found> xenbus(int unit, KvStore store, Instant now, Duration stuckAfter) throws StoreException {
        XenbusTimeline timeline = timelines.computeIfAbsent(unit, key -> new XenbusTimeline());
        if (store.info().nativeWatch() && !monitors.containsKey(unit)) {
            follow(unit, store, timeline);
        }
        List<XenbusDevice> devices = new XenbusDevices(store).read();
        timeline.retain(devices.stream().map(XenbusDevice::key).toList());
        List<Found> found = new ArrayList<>();
        for (XenbusDevice device : devices) {
            List<XenbusTimeline.Entry> entries = timeline.record(device, now);
            String source = device.frontend().map(XenbusEnd::path).orElseGet(() -> device.backend().get().path());
            found.add(new Found("xenbus", unit, source, new XenbusDeviceState(unit, device, entries,
                    XenbusProblems.of(device, entries, now, stuckAfter))));
        }
        return found;
    }

    /** From the first survey of a store on, its devices' state changes enter the timeline as they happen. */
    private synchronized void follow(int unit, KvStore store, XenbusTimeline timeline) {
        if (monitors.containsKey(unit)) {
            return;
        }
        try {
            monitors.put(unit, XenbusMonitor.start(store, timeline, clock, worker, this::changed));
        } catch (StoreException e) {
            // Without a watch the timeline is noted at each survey only; it says so by its first-seen entries.
            monitors.put(unit, XenbusMonitor.none());
        }
    }

    /** Tells {@code listener} (on the survey's worker) each time a followed store's devices changed. */
    public AutoCloseable onChange(Runnable listener) {
        changeListeners.add(listener);
        return () -> changeListeners.remove(listener);
    }

    /** The survey's own thread, for work that reads the stores: never a gRPC or store watch thread. */
    public ScheduledExecutorService worker() {
        return worker;
    }

    private void changed() {
        changeListeners.forEach(Runnable::run);
    }

    @Override
    public void close() {
        monitors.values().forEach(XenbusMonitor::close);
        worker.shutdownNow();
    }
}
