package io.pvscope.agent.server;

import io.grpc.Status;
import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.server.security.Grant;
import io.pvscope.proto.v1.KvEntry;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The polls of stores without native watches, one per (store, unit, prefixes, interval, grant) whatever the
 * number of Watch streams asking for the same: one walk of the store per interval, which each stream diffs
 * against what it has sent. Streams of one client (the same grant) asking for the same prefixes share; the
 * grant is part of the key because it decides what a walk reads.
 */
final class SharedPolls {

    /** A Watch stream on a shared poll. */
    interface Subscriber {
        /** Whether it would take a walk's result now (its client reads); if no one would, no walk is made. */
        boolean wantsPoll();

        /** The subtree as walked, key → entry, parents before children. */
        void polled(Map<String, KvEntry> now);

        void pollFailed(Status status);
    }

    record Key(KvStore store, int unit, List<String> prefixes, Duration interval, Grant grant) {
    }

    private final ScheduledExecutorService scheduler;
    private final StoreWalker walker;
    private final Map<Key, Poll> polls = new HashMap<>();

    SharedPolls(ScheduledExecutorService scheduler, StoreWalker walker) {
        this.scheduler = scheduler;
        this.walker = walker;
    }

    /**
     * Joins the poll of {@code key}, starting it if it is the first. Join after the stream's snapshot: only
     * walks that start afterwards reach it, so none older than the snapshot does. Closing the handle leaves.
     */
    AutoCloseable subscribe(Key key, Subscriber subscriber) {
        Poll poll;
        synchronized (this) {
            poll = polls.computeIfAbsent(key, Poll::new);
            poll.subscribers.put(subscriber, poll.walksStarted);
        }
        return () -> leave(poll, subscriber);
    }

    private void leave(Poll poll, Subscriber subscriber) {
        synchronized (this) {
            if (poll.subscribers.remove(subscriber) == null || !poll.subscribers.isEmpty()) {
                return;
            }
            polls.remove(poll.key, poll);
        }
        poll.task.cancel(false);
    }

    /** Polls running (for tests). */
    synchronized int size() {
        return polls.size();
    }

    private final class Poll implements Runnable {
        final Key key;
        /** Each subscriber with the number of walks started before it joined. */
        final Map<Subscriber, Long> subscribers = new ConcurrentHashMap<>();
        /** Written under the registry's lock, so that a join reads a count no walk has passed yet. */
        volatile long walksStarted;
        final ScheduledFuture<?> task;

        Poll(Key key) {
            this.key = key;
            long millis = key.interval().toMillis();
            this.task = scheduler.scheduleWithFixedDelay(this, millis, millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            if (subscribers.keySet().stream().noneMatch(Subscriber::wantsPoll)) {
                return;
            }
            long started;
            synchronized (SharedPolls.this) {
                started = ++walksStarted;
            }
            Map<String, KvEntry> now = new LinkedHashMap<>();
            Status failure = null;
            try {
                for (String prefix : key.prefixes()) {
                    now.putAll(walker.walk(key.grant(), key.unit(), key.store(), prefix));
                }
            } catch (StoreException e) {
                failure = ErrorStatuses.of(e).getStatus();
            } catch (RuntimeException e) {
                failure = Status.INTERNAL.withDescription("poll failed: " + e);
            }
            for (Map.Entry<Subscriber, Long> each : subscribers.entrySet()) {
                if (each.getValue() >= started) {
                    continue;
                }
                if (failure != null) {
                    each.getKey().pollFailed(failure);
                } else {
                    each.getKey().polled(now);
                }
            }
        }
    }
}
