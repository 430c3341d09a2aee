package io.pvscope.agent.server;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.KvWatchListener;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.server.security.Grant;
import io.pvscope.proto.v1.Heartbeat;
import io.pvscope.proto.v1.KeyDeleted;
import io.pvscope.proto.v1.KvEntry;
import io.pvscope.proto.v1.StoreUnavailable;
import io.pvscope.proto.v1.SyncMarker;
import io.pvscope.proto.v1.WatchEvent;
import io.pvscope.proto.v1.WatchStarted;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Watch stream: a snapshot, a sync marker, then changes and deletes. Stores with native watches report
 * changed paths; the others are polled and diffed. Changed paths are coalesced while the client is not
 * ready to receive, so a slow reader costs one entry per key, not one per change. When the client asks for
 * heartbeats, one is sent whenever the stream has been silent for the interval: its silence then means the
 * agent (or the whole guest) stopped, never that the store was quiet.
 */
final class WatchSession {

    /** How often a store without native watches is polled, and the heartbeat interval (zero: none). */
    record Intervals(Duration poll, Duration heartbeat) {
    }

    private final Grant grant;
    private final int unit;
    private final KvStore store;
    private final List<String> prefixes;
    private final Duration pollInterval;
    private final Duration heartbeat;
    private final ServerCallStreamObserver<WatchEvent> out;
    private final StoreWalker walker;
    private final KvRpcs entries;
    private final Executor worker;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    private final Map<String, KvEntry> known = new LinkedHashMap<>();
    private final Set<String> pendingPaths = new LinkedHashSet<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private boolean draining;
    private boolean unavailable;
    private volatile boolean closed;
    /** System.nanoTime() of the last event sent. */
    private volatile long lastSentNanos = System.nanoTime();
    /**
     * Serialises what goes to the stream (a StreamObserver takes one caller at a time). Apart from the
     * session's own lock, so that a heartbeat gets through while a walk of the store holds the session.
     */
    private final ReentrantLock sending = new ReentrantLock();

    /**
     * Heartbeats run on a timer of their own, never behind the polls and walks of other sessions: a slow
     * store must not make a live agent look stopped.
     */
    private static final ScheduledExecutorService HEARTBEATS = Executors.newSingleThreadScheduledExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "pvscope-heartbeat");
                thread.setDaemon(true);
                return thread;
            });

    WatchSession(Grant grant, int unit, KvStore store, List<String> prefixes, Intervals intervals,
                 ServerCallStreamObserver<WatchEvent> out, StoreWalker walker, KvRpcs entries, Executor worker,
                 ScheduledExecutorService scheduler, Clock clock) {
        this.grant = grant;
        this.unit = unit;
        this.store = store;
        this.prefixes = prefixes.isEmpty() ? List.of("") : List.copyOf(prefixes);
        this.pollInterval = intervals.poll();
        this.heartbeat = intervals.heartbeat();
        this.out = out;
        this.walker = walker;
        this.entries = entries;
        this.worker = worker;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    void start() throws StoreException {
        out.setOnCancelHandler(this::close);
        out.setOnReadyHandler(this::scheduleDrain);
        boolean nativeWatch = store.info().nativeWatch();
        send(WatchEvent.newBuilder().setStarted(WatchStarted.newBuilder()
                .setMode(nativeWatch ? WatchStarted.Mode.NATIVE : WatchStarted.Mode.POLLED)
                .setPollInterval(nativeWatch ? com.google.protobuf.Duration.getDefaultInstance()
                        : protoDuration(pollInterval))
                .setHeartbeatInterval(protoDuration(heartbeat))));
        if (nativeWatch) {
            // Subscribe before the snapshot so that nothing written in between is missed.
            KvWatchListener listener = new KvWatchListener() {
                @Override
                public void changed(String path) {
                    WatchSession.this.changed(path);
                }

                @Override
                public void lost(StoreException why) {
                    WatchSession.this.lost(why);
                }

                @Override
                public void resumed() {
                    worker.execute(WatchSession.this::resnapshot);
                }
            };
            for (String prefix : prefixes) {
                closeables.add(store.observe(prefix, listener));
            }
        }
        synchronized (this) {
            for (String prefix : prefixes) {
                for (KvEntry entry : walker.walk(grant, unit, store, prefix).values()) {
                    known.put(entry.getKey(), entry);
                    send(WatchEvent.newBuilder().setSnapshot(entry));
                }
            }
            send(WatchEvent.newBuilder().setSync(SyncMarker.getDefaultInstance()));
        }
        if (!nativeWatch) {
            long millis = pollInterval.toMillis();
            ScheduledFuture<?> poll = scheduler.scheduleWithFixedDelay(this::poll, millis, millis,
                    TimeUnit.MILLISECONDS);
            closeables.add(() -> poll.cancel(false));
        }
        if (!heartbeat.isZero()) {
            // Checked four times per interval: a heartbeat follows the last event after 1 to 1.25 intervals.
            long period = Math.max(1, heartbeat.toNanos() / 4);
            ScheduledFuture<?> beat = HEARTBEATS.scheduleAtFixedRate(this::heartbeatIfSilent, period, period,
                    TimeUnit.NANOSECONDS);
            synchronized (this) {
                closeables.add(() -> beat.cancel(false));
                if (closed) {
                    beat.cancel(false);
                }
            }
        }
    }

    /** Never waits: a session busy sending is not silent, and the timer is shared by all sessions. */
    private void heartbeatIfSilent() {
        if (closed || System.nanoTime() - lastSentNanos < heartbeat.toNanos() || !sending.tryLock()) {
            return;
        }
        try {
            // A client that does not read (flow control) gets nothing more, heartbeats included.
            if (!closed && out.isReady()) {
                emit(WatchEvent.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()));
            }
        } finally {
            sending.unlock();
        }
    }

    private static com.google.protobuf.Duration protoDuration(Duration duration) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(duration.getSeconds())
                .setNanos(duration.getNano()).build();
    }

    /** From the store's watch thread: never read the store here (XenStore replies arrive on that thread). */
    private void changed(String path) {
        synchronized (this) {
            if (closed || unavailable) {
                return;
            }
            pendingPaths.add(path);
        }
        scheduleDrain();
    }

    /** The store's daemon went away: say so; what is pending is stale, a fresh snapshot follows. */
    private void lost(StoreException why) {
        synchronized (this) {
            if (closed || unavailable) {
                return;
            }
            unavailable = true;
            pendingPaths.clear();
        }
        send(WatchEvent.newBuilder().setUnavailable(StoreUnavailable.newBuilder()
                .setErrno(why.errno().name()).setReason(why.getMessage())));
    }

    /**
     * The store is back (each watched prefix says so; the first one sends): a fresh snapshot, then sync.
     * A store that fails again meanwhile reports lost again, and this waits for the next resumption.
     */
    private synchronized void resnapshot() {
        if (closed || !unavailable) {
            return;
        }
        Map<String, KvEntry> now = new LinkedHashMap<>();
        try {
            for (String prefix : prefixes) {
                now.putAll(walker.walk(grant, unit, store, prefix));
            }
        } catch (StoreException e) {
            return;
        }
        unavailable = false;
        pendingPaths.clear();
        known.clear();
        known.putAll(now);
        for (KvEntry entry : now.values()) {
            send(WatchEvent.newBuilder().setSnapshot(entry));
        }
        send(WatchEvent.newBuilder().setSync(SyncMarker.getDefaultInstance()));
    }

    private void scheduleDrain() {
        synchronized (this) {
            if (draining || closed || pendingPaths.isEmpty()) {
                return;
            }
            draining = true;
        }
        worker.execute(this::drain);
    }

    private void drain() {
        try {
            while (true) {
                String path;
                synchronized (this) {
                    if (closed || pendingPaths.isEmpty() || !out.isReady()) {
                        return;
                    }
                    path = pendingPaths.iterator().next();
                    pendingPaths.remove(path);
                }
                report(path);
            }
        } finally {
            synchronized (this) {
                draining = false;
            }
            if (out.isReady()) {
                scheduleDrain();
            }
        }
    }

    private synchronized void report(String path) {
        KvEntry entry = entries.entry(grant, unit, store, path, true);
        if (Errno.ENOENT.name().equals(entry.getError())) {
            deleteUnder(path);
            return;
        }
        KvEntry before = known.put(path, entry);
        if (!entry.equals(before)) {
            send(WatchEvent.newBuilder().setUpdate(entry));
        }
    }

    private void deleteUnder(String path) {
        List<String> gone = known.keySet().stream()
                .filter(key -> key.equals(path) || key.startsWith(path.endsWith("/") ? path : path + "/"))
                .toList();
        for (String key : gone) {
            known.remove(key);
            send(WatchEvent.newBuilder().setDeleted(KeyDeleted.newBuilder().setKey(key)));
        }
    }

    private synchronized void poll() {
        if (closed || !out.isReady()) {
            return;
        }
        try {
            Map<String, KvEntry> now = new LinkedHashMap<>();
            for (String prefix : prefixes) {
                now.putAll(walker.walk(grant, unit, store, prefix));
            }
            for (String key : List.copyOf(known.keySet())) {
                if (!now.containsKey(key)) {
                    known.remove(key);
                    send(WatchEvent.newBuilder().setDeleted(KeyDeleted.newBuilder().setKey(key)));
                }
            }
            for (KvEntry entry : now.values()) {
                if (!entry.equals(known.put(entry.getKey(), entry))) {
                    send(WatchEvent.newBuilder().setUpdate(entry));
                }
            }
        } catch (StoreException e) {
            fail(ErrorStatuses.of(e).getStatus());
        } catch (RuntimeException e) {
            fail(Status.INTERNAL.withDescription("poll failed: " + e));
        }
    }

    private void send(WatchEvent.Builder event) {
        sending.lock();
        try {
            if (!closed) {
                emit(event);
            }
        } finally {
            sending.unlock();
        }
    }

    /** With {@link #sending} held. */
    private void emit(WatchEvent.Builder event) {
        var now = clock.instant();
        lastSentNanos = System.nanoTime();
        out.onNext(event.setTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .build());
    }

    private void fail(Status status) {
        sending.lock();
        try {
            if (closed) {
                return;
            }
            out.onError(status.asRuntimeException());
        } finally {
            sending.unlock();
        }
        close();
    }

    void close() {
        List<AutoCloseable> toClose;
        synchronized (this) {
            closed = true;
            toClose = List.copyOf(closeables);
            closeables.clear();
        }
        for (AutoCloseable closeable : toClose) {
            try {
                closeable.close();
            } catch (Exception e) {
                // The stream is over either way; a failed unwatch only costs the store a stale watch.
            }
        }
    }
}
