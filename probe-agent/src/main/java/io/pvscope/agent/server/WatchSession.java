package io.pvscope.agent.server;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.KvStore;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Watch stream: a snapshot, a sync marker, then changes and deletes. On stores with native watches the
 * stream subscribes to the agent's one watch per prefix ({@link SharedWatches}), which reads each change once
 * for all streams; the other stores are polled ({@link SharedPolls}: one walk per interval for the streams of
 * one client asking for the same) and diffed. Changes are coalesced while the client is not
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
    private final SharedWatches watches;
    private final Executor worker;
    private final SharedPolls polls;
    private final Clock clock;

    /** What the client has been sent, by key; guarded by the session's lock, as snapshots and reports are. */
    private final Map<String, KvEntry> known = new LinkedHashMap<>();
    private final List<PrefixWatch> prefixWatches = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    /**
     * Guards what changes hand over: a shared watch offers to every stream from one thread and must never wait
     * for a stream busy with a snapshot (which holds the session's lock).
     */
    private final Object queue = new Object();
    /** Changed keys not yet sent, the latest read of each: one per key, however often it changes. */
    private final Map<String, Offer> pending = new LinkedHashMap<>();
    private boolean draining;
    private boolean unavailable;
    /** The snapshot and its sync marker are out: changes may follow. */
    private boolean synced;
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
                 ServerCallStreamObserver<WatchEvent> out, StoreWalker walker, SharedWatches watches, Executor worker,
                 SharedPolls polls, Clock clock) {
        this.grant = grant;
        this.unit = unit;
        this.store = store;
        this.prefixes = prefixes.isEmpty() ? List.of("") : List.copyOf(prefixes);
        this.pollInterval = intervals.poll();
        this.heartbeat = intervals.heartbeat();
        this.out = out;
        this.walker = walker;
        this.watches = watches;
        this.worker = worker;
        this.polls = polls;
        this.clock = clock;
    }

    void start() throws StoreException {
        out.setOnCancelHandler(this::close);
        out.setOnReadyHandler(this::scheduleDrain);
        try {
            begin();
        } catch (StoreException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void begin() throws StoreException {
        boolean nativeWatch = store.info().nativeWatch();
        send(WatchEvent.newBuilder().setStarted(WatchStarted.newBuilder()
                .setMode(nativeWatch ? WatchStarted.Mode.NATIVE : WatchStarted.Mode.POLLED)
                .setPollInterval(nativeWatch ? com.google.protobuf.Duration.getDefaultInstance()
                        : protoDuration(pollInterval))
                .setHeartbeatInterval(protoDuration(heartbeat))));
        if (nativeWatch) {
            // Subscribe before the snapshot so that nothing written in between is missed.
            for (String prefix : prefixes) {
                PrefixWatch watch = new PrefixWatch();
                watch.subscription = watches.subscribe(store, prefix, watch);
                keep(watch.subscription);
                synchronized (this) {
                    prefixWatches.add(watch);
                }
            }
        }
        synchronized (this) {
            prefixWatches.forEach(PrefixWatch::snapshotStarts);
            for (String prefix : prefixes) {
                for (KvEntry entry : walker.walk(grant, unit, store, prefix).values()) {
                    known.put(entry.getKey(), entry);
                    send(WatchEvent.newBuilder().setSnapshot(entry));
                }
            }
            send(WatchEvent.newBuilder().setSync(SyncMarker.getDefaultInstance()));
            prefixWatches.forEach(PrefixWatch::snapshotEnds);
            synchronized (queue) {
                synced = !unavailable;
            }
        }
        scheduleDrain();
        if (!nativeWatch) {
            // After the snapshot: no walk older than it reaches this stream.
            keep(polls.subscribe(new SharedPolls.Key(store, unit, prefixes, pollInterval, grant),
                    new PollSubscriber()));
        }
        if (!heartbeat.isZero()) {
            // Checked four times per interval: a heartbeat follows the last event after 1 to 1.25 intervals.
            // Every session with this interval is checked at the same instants (AlignedTicks).
            long period = Math.max(1, heartbeat.toNanos() / 4);
            ScheduledFuture<?> beat = AlignedTicks.schedule(HEARTBEATS, this::heartbeatIfSilent, period);
            keep(() -> beat.cancel(false));
        }
    }

    /** Closed with the session; at once if the session is already closed. */
    private void keep(AutoCloseable closeable) {
        synchronized (this) {
            if (!closed) {
                closeables.add(closeable);
                return;
            }
        }
        closeQuietly(closeable);
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

    /**
     * This stream's place on the shared watch of one prefix. Changes read before the snapshot began are
     * already in it; those read while it was taken may be older or newer than what it holds, so they are read
     * again; those read after it are used as they are.
     */
    private final class PrefixWatch implements WatchSubscriber {
        SharedWatches.Subscription subscription;
        /** Sequence numbers of the shared watch's reads taken up when the last snapshot began and ended. */
        long snapshotFrom = Long.MAX_VALUE;
        long snapshotTo = Long.MAX_VALUE;

        /** With the session's lock held, as the two below. */
        void snapshotStarts() {
            snapshotFrom = subscription.nextRead();
            snapshotTo = Long.MAX_VALUE;
        }

        void snapshotEnds() {
            snapshotTo = subscription.nextRead();
        }

        /** The read to report, or null when the snapshot already holds it (or something newer). */
        KeyRead current(Offer offer) {
            if (offer.sequence() < snapshotFrom) {
                return null;
            }
            return offer.sequence() < snapshotTo ? KeyRead.of(store, offer.read().key(), true) : offer.read();
        }

        @Override
        public boolean mayRead(String key, boolean orAbove) {
            var read = grant.read();
            String kind = store.info().kind();
            return orAbove ? read.coversOrLeadsTo(unit, kind, key) : read.covers(unit, kind, key);
        }

        @Override
        public void changed(KeyRead read, long sequence) {
            offer(new Offer(read, sequence, this));
        }

        @Override
        public void lost(StoreException why) {
            WatchSession.this.lost(why);
        }

        @Override
        public void resumed() {
            worker.execute(WatchSession.this::resnapshot);
        }
    }

    /** A changed key as a shared watch read it. */
    private record Offer(KeyRead read, long sequence, PrefixWatch from) {
    }

    /** From a shared watch's reader, which serves every stream: never waits for this one. */
    private void offer(Offer offer) {
        synchronized (queue) {
            if (closed || unavailable) {
                return;
            }
            pending.put(offer.read().key(), offer);
        }
        scheduleDrain();
    }

    /** The store's daemon went away: say so; what is pending is stale, a fresh snapshot follows. */
    private void lost(StoreException why) {
        synchronized (queue) {
            if (closed || unavailable) {
                return;
            }
            unavailable = true;
            synced = false;
            pending.clear();
        }
        send(WatchEvent.newBuilder().setUnavailable(StoreUnavailable.newBuilder()
                .setErrno(why.errno().name()).setReason(why.getMessage())));
    }

    /**
     * The store is back (each watched prefix says so; the first one sends): a fresh snapshot, then sync.
     * Changes are taken again from before the walk, so none made during it is missed. A store that fails
     * again meanwhile reports lost again, and this waits for the next resumption.
     */
    private synchronized void resnapshot() {
        synchronized (queue) {
            if (closed || !unavailable) {
                return;
            }
            unavailable = false;
            pending.clear();
        }
        prefixWatches.forEach(PrefixWatch::snapshotStarts);
        Map<String, KvEntry> now = new LinkedHashMap<>();
        try {
            for (String prefix : prefixes) {
                now.putAll(walker.walk(grant, unit, store, prefix));
            }
        } catch (StoreException e) {
            synchronized (queue) {
                unavailable = true;
                pending.clear();
            }
            return;
        }
        synchronized (queue) {
            if (unavailable) {
                return; // lost again during the walk: its resumption brings the next snapshot
            }
        }
        known.clear();
        known.putAll(now);
        for (KvEntry entry : now.values()) {
            send(WatchEvent.newBuilder().setSnapshot(entry));
        }
        send(WatchEvent.newBuilder().setSync(SyncMarker.getDefaultInstance()));
        prefixWatches.forEach(PrefixWatch::snapshotEnds);
        synchronized (queue) {
            synced = !unavailable;
        }
        scheduleDrain();
    }

    private void scheduleDrain() {
        synchronized (queue) {
            if (draining || closed || !synced || pending.isEmpty()) {
                return;
            }
            draining = true;
        }
        worker.execute(this::drain);
    }

    private void drain() {
        try {
            while (true) {
                Offer offer;
                synchronized (queue) {
                    if (closed || !synced || pending.isEmpty() || !out.isReady()) {
                        return;
                    }
                    var first = pending.entrySet().iterator();
                    offer = first.next().getValue();
                    first.remove();
                }
                report(offer);
            }
        } finally {
            synchronized (queue) {
                draining = false;
            }
            if (out.isReady()) {
                scheduleDrain();
            }
        }
    }

    private synchronized void report(Offer offer) {
        KeyRead read = offer.from().current(offer);
        if (read == null) {
            return;
        }
        KvEntry entry = read.entryFor(grant, unit, store.info().kind());
        String path = entry.getKey();
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

    /** This stream on the shared poll of its store, prefixes and grant: it diffs each walk against what it sent. */
    private final class PollSubscriber implements SharedPolls.Subscriber {
        @Override
        public boolean wantsPoll() {
            return !closed && out.isReady();
        }

        @Override
        public void polled(Map<String, KvEntry> now) {
            synchronized (WatchSession.this) {
                if (!wantsPoll()) {
                    return;
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
            }
        }

        @Override
        public void pollFailed(Status status) {
            fail(status);
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
        synchronized (queue) {
            closed = true;
            pending.clear();
        }
        synchronized (this) {
            toClose = List.copyOf(closeables);
            closeables.clear();
        }
        toClose.forEach(WatchSession::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // The stream is over either way; a failed unwatch only costs the store a stale watch.
        }
    }
}
