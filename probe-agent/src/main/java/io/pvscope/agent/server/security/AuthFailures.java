package io.pvscope.agent.server.security;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Failed authentications per peer, and the back-off they earn: after {@link #ALLOWED_FAILURES} failures
 * within {@link #WINDOW_NANOS}, the peer's calls are refused without looking at their credentials for 1 s,
 * twice as long each time it happens again, at most {@link #MAX_BLOCK_NANOS}. A success clears the count.
 * Calls refused while blocked are counted rather than audited one by one: guessing tokens must neither be
 * fast nor push the legitimate records out of the rotated audit files.
 */
final class AuthFailures {

    static final int ALLOWED_FAILURES = 10;
    static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final long FIRST_BLOCK_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long MAX_BLOCK_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** A peer that stayed quiet this long starts again from the first block. */
    static final long FORGET_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final int MAX_PEERS = 4096;
    private static final long PRUNE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LongSupplier nanos;
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();
    private volatile long lastPrune;

    AuthFailures(LongSupplier nanos) {
        this.nanos = nanos;
        this.lastPrune = nanos.getAsLong();
    }

    /** What a blocked peer's refused call should say, and whether this refusal is the one to audit. */
    record Block(long remainingMillis, boolean firstRefusal) {
    }

    /**
     * True while no peer has failed lately, so that the common case costs nothing (naming a loopback peer
     * reads the kernel's socket tables). Peers gone quiet are forgotten here, at most once a second.
     */
    boolean isEmpty() {
        if (peers.isEmpty()) {
            return true;
        }
        long now = nanos.getAsLong();
        if (now - lastPrune > PRUNE_EVERY_NANOS) {
            lastPrune = now;
            forgetQuietPeers();
        }
        return peers.isEmpty();
    }

    /** Empty when the peer may try; otherwise how long it stays blocked. */
    Optional<Block> blocked(String peer) {
        Peer state = peers.get(peer);
        if (state == null) {
            return Optional.empty();
        }
        synchronized (state) {
            long now = nanos.getAsLong();
            if (!state.blocking || now - state.blockedUntil >= 0) {
                return Optional.empty();
            }
            state.refusedWhileBlocked++;
            return Optional.of(new Block(TimeUnit.NANOSECONDS.toMillis(state.blockedUntil - now),
                    state.refusedWhileBlocked == 1));
        }
    }

    /** A failed authentication: true when it just earned the peer a block. */
    boolean failed(String peer) {
        if (peers.size() > MAX_PEERS) {
            forgetQuietPeers();
        }
        Peer state = peers.computeIfAbsent(peer, key -> new Peer(nanos.getAsLong()));
        synchronized (state) {
            long now = nanos.getAsLong();
            if (now - state.windowStart > WINDOW_NANOS) {
                state.windowStart = now;
                state.failures = 0;
            }
            if (state.blocking && now - state.blockedUntil > FORGET_NANOS) {
                state.nextBlock = FIRST_BLOCK_NANOS;
            }
            state.failures++;
            if (state.failures < ALLOWED_FAILURES) {
                return false;
            }
            state.blocking = true;
            state.blockedUntil = now + state.nextBlock;
            state.nextBlock = Math.min(MAX_BLOCK_NANOS, state.nextBlock * 2);
            state.failures = 0;
            state.windowStart = now;
            state.refusedWhileBlocked = 0;
            return true;
        }
    }

    /** Peers neither blocked now nor failing lately: many addresses must not grow the table without end. */
    private void forgetQuietPeers() {
        long now = nanos.getAsLong();
        peers.values().removeIf(state -> {
            synchronized (state) {
                boolean blockOver = !state.blocking || now - state.blockedUntil >= 0;
                // A peer that was blocked is kept a while longer, so that its next block is longer.
                boolean forgiven = !state.blocking || now - state.blockedUntil > FORGET_NANOS;
                return now - state.windowStart > WINDOW_NANOS && blockOver && forgiven;
            }
        });
    }

    /** The peer proved itself: its count starts again. */
    void succeeded(String peer) {
        if (!peers.isEmpty()) {
            peers.remove(peer);
        }
    }

    /** Calls refused during the peer's current or last block. */
    long refusedWhileBlocked(String peer) {
        Peer state = peers.get(peer);
        if (state == null) {
            return 0;
        }
        synchronized (state) {
            return state.refusedWhileBlocked;
        }
    }

    /** Guarded by itself. Times are System.nanoTime values, compared only by difference. */
    private static final class Peer {
        long windowStart;
        int failures;
        /** Whether the peer was ever blocked: blockedUntil means nothing before. */
        boolean blocking;
        long blockedUntil;
        long nextBlock = FIRST_BLOCK_NANOS;
        long refusedWhileBlocked;

        Peer(long now) {
            windowStart = now;
        }
    }
}
