package io.pvscope.agent.server.connections;

import io.pvscope.agent.server.ConnectionLimits;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Counts the connections the agent holds, in all and per peer, and admits a new one only below both limits.
 * The total never exceeds half of the process's descriptor limit, so that connections alone cannot exhaust
 * the descriptors that the stores, the audit file and the class loader need. Refusals are reported at most
 * once per {@link #REPORT_EVERY_NANOS}, as a count: a flood must not become a flood of log lines.
 */
public final class ConnectionGate {

    static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Supplier<ConnectionLimits> limits;
    private final int descriptorCeiling;
    private final PrintStream log;
    private final LongSupplier nanos;
    private final Map<String, Integer> perPeer = new HashMap<>();
    private int total;
    private long refused;
    private long refusedSinceReport;
    private long lastReport;
    private String lastReason = "";

    public ConnectionGate(Supplier<ConnectionLimits> limits, PrintStream log, LongSupplier nanos) {
        this(limits, descriptorCeiling(), log, nanos);
    }

    ConnectionGate(Supplier<ConnectionLimits> limits, int descriptorCeiling, PrintStream log, LongSupplier nanos) {
        this.limits = limits;
        this.descriptorCeiling = descriptorCeiling;
        this.log = log;
        this.nanos = nanos;
        this.lastReport = nanos.getAsLong() - REPORT_EVERY_NANOS;
    }

    /** Half the soft descriptor limit (RLIMIT_NOFILE), or no ceiling where the JVM cannot tell. */
    static int descriptorCeiling() {
        OptionalLong limit = DescriptorLimit.soft();
        return limit.isPresent() ? (int) Math.max(16, Math.min(Integer.MAX_VALUE, limit.getAsLong() / 2))
                : Integer.MAX_VALUE;
    }

    /** The total in force: the configured one, lowered to the descriptor ceiling. */
    public int maxConnections() {
        return Math.min(limits.get().maxConnections(), descriptorCeiling);
    }

    /** True when {@code peer} may have one more connection; it is then counted until {@link #release}. */
    public boolean admit(String peer) {
        String refusal;
        synchronized (this) {
            int held = perPeer.getOrDefault(peer, 0);
            int perPeerLimit = limits.get().maxConnectionsPerPeer();
            if (total >= maxConnections()) {
                refusal = "max_connections (" + maxConnections() + ") reached";
            } else if (held >= perPeerLimit) {
                refusal = "max_connections_per_peer (" + perPeerLimit + ") reached by " + peer;
            } else {
                total++;
                perPeer.put(peer, held + 1);
                return true;
            }
            refused++;
            refusedSinceReport++;
            lastReason = refusal;
        }
        reportRefusals();
        return false;
    }

    public synchronized void release(String peer) {
        Integer held = perPeer.get(peer);
        if (held == null) {
            return;
        }
        total--;
        if (held == 1) {
            perPeer.remove(peer);
        } else {
            perPeer.put(peer, held - 1);
        }
    }

    /** A connection refused for lack of descriptors (accepted with the reserve, then closed at once). */
    public void refusedForDescriptors() {
        synchronized (this) {
            refused++;
            refusedSinceReport++;
            lastReason = "out of file descriptors";
        }
        reportRefusals();
    }

    public synchronized int open() {
        return total;
    }

    public synchronized int openBy(String peer) {
        return perPeer.getOrDefault(peer, 0);
    }

    public synchronized long refused() {
        return refused;
    }

    /** One line per period at most; written from strings only, so that it needs no file (time zone data). */
    private void reportRefusals() {
        String line;
        synchronized (this) {
            long now = nanos.getAsLong();
            if (now - lastReport < REPORT_EVERY_NANOS || refusedSinceReport == 0) {
                return;
            }
            line = "pvscope-agent: refused " + refusedSinceReport + " connection(s): " + lastReason + "; "
                    + total + " open";
            refusedSinceReport = 0;
            lastReport = now;
        }
        log.println(line);
    }
}
