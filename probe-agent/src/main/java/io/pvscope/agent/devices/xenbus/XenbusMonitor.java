package io.pvscope.agent.devices.xenbus;

import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.KvWatchListener;
import io.pvscope.agent.kv.StoreException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Follows a XenStore's devices through its native watch, so that each state change enters the timeline when
 * it happens rather than when someone next asks: a change under a device or backend directory makes the
 * monitor read the devices again (at most every {@value #SETTLE_MILLIS} ms, on the worker, never on the
 * store's watch thread), then tell whoever watches the devices.
 */
public final class XenbusMonitor implements AutoCloseable {

    /** Changes closer together than this are read once: a driver writes several nodes for one step. */
    static final long SETTLE_MILLIS = 50;

    private static final Logger LOG = Logger.getLogger(XenbusMonitor.class.getName());

    private final KvStore store;
    private final XenbusTimeline timeline;
    private final Clock clock;
    private final ScheduledExecutorService worker;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final List<AutoCloseable> watches = new ArrayList<>();
    private final Runnable afterNoting;

    private XenbusMonitor(KvStore store, XenbusTimeline timeline, Clock clock, ScheduledExecutorService worker,
            Runnable afterNoting) {
        this.store = store;
        this.timeline = timeline;
        this.clock = clock;
        this.worker = worker;
        this.afterNoting = afterNoting;
    }

    /**
     * Starts following {@code store}: every domain's homes where the connection may list them (dom0),
     * otherwise its own device and backend directories.
     *
     * @throws StoreException when no watch could be placed (the devices are then only read when asked)
     */
    public static XenbusMonitor start(KvStore store, XenbusTimeline timeline, Clock clock,
            ScheduledExecutorService worker, Runnable afterNoting) throws StoreException {
        XenbusMonitor monitor = new XenbusMonitor(store, timeline, clock, worker, afterNoting);
        KvWatchListener listener = monitor.listener();
        try {
            store.list("/local/domain");
            monitor.watches.add(store.observe("/local/domain", listener));
        } catch (StoreException cannotList) {
            monitor.watches.add(store.observe("device", listener));
            monitor.watches.add(store.observe("backend", listener));
        }
        return monitor;
    }

    /** A monitor that follows nothing: the store could not be watched. */
    public static XenbusMonitor none() {
        return new XenbusMonitor(null, null, null, null, () -> {
        });
    }

    private KvWatchListener listener() {
        return new KvWatchListener() {
            @Override
            public void changed(String path) {
                if (path.contains("/device/") || path.contains("/backend/") || path.startsWith("device/")
                        || path.startsWith("backend/")) {
                    schedule();
                }
            }

            @Override
            public void resumed() {
                schedule();
            }
        };
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            worker.schedule(this::note, SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private void note() {
        scheduled.set(false);
        try {
            List<XenbusDevice> devices = new XenbusDevices(store).read();
            timeline.retain(devices.stream().map(XenbusDevice::key).toList());
            var now = clock.instant();
            devices.forEach(device -> timeline.record(device, now));
            afterNoting.run();
        } catch (StoreException | RuntimeException e) {
            // The next change or request reads them again; the store's own outage is reported elsewhere.
            LOG.log(Level.FINE, "reading XenBus devices after a change failed", e);
        }
    }

    @Override
    public void close() {
        for (AutoCloseable watch : watches) {
            try {
                watch.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing a XenBus watch failed", e);
            }
        }
    }
}
