package io.pvscope.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Tells a quiet agent from one that stopped answering, from the messages of a stream that carries
 * heartbeats: the agent is <em>not answering</em> once nothing arrived for {@value #MISSED_HEARTBEATS}
 * heartbeat intervals. A guest stopped at a breakpoint, a frozen VM and a cut network path all look like
 * this; none of them closes the connection.
 */
public final class Silence {

    /** The heartbeat interval clients ask for unless told otherwise: "not answering" within about 3 s. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(1);

    /** What a silence may mean, in the words every PvScope client uses. */
    public static final String WHY = "the guest may be stopped at a breakpoint";

    /** Heartbeats missed before the agent counts as not answering. */
    public static final int MISSED_HEARTBEATS = 3;

    private final long thresholdNanos;
    private final LongSupplier nanoTime;
    private long lastHeardNanos;
    private boolean silent;

    /** @param heartbeat the interval the agent applies (its WatchStarted says which) */
    public Silence(Duration heartbeat, LongSupplier nanoTime) {
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("a silence needs heartbeats to be measured against: " + heartbeat);
        }
        this.thresholdNanos = heartbeat.multipliedBy(MISSED_HEARTBEATS).toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime);
        this.lastHeardNanos = nanoTime.getAsLong();
    }

    public static Silence of(Duration heartbeat) {
        return new Silence(heartbeat, System::nanoTime);
    }

    /** How long the agent may be silent before it counts as not answering. */
    public Duration threshold() {
        return Duration.ofNanos(thresholdNanos);
    }

    /**
     * Something arrived from the agent.
     *
     * @return how long it had not answered, when it had been counted as not answering
     */
    public synchronized Optional<Duration> heard() {
        long now = nanoTime.getAsLong();
        Optional<Duration> ended = silent ? Optional.of(Duration.ofNanos(now - lastHeardNanos)) : Optional.empty();
        lastHeardNanos = now;
        silent = false;
        return ended;
    }

    /** How long nothing has arrived. */
    public synchronized Duration sinceLastHeard() {
        return Duration.ofNanos(nanoTime.getAsLong() - lastHeardNanos);
    }

    /**
     * Checks the clock: empty while the agent answers in time, else how long it has not answered. The first
     * call that finds it silent is the only one that returns {@code true} from {@link Check#started()}.
     */
    public synchronized Check check() {
        long silence = nanoTime.getAsLong() - lastHeardNanos;
        if (silence < thresholdNanos) {
            return new Check(false, false, Duration.ofNanos(silence));
        }
        boolean started = !silent;
        silent = true;
        return new Check(true, started, Duration.ofNanos(silence));
    }

    /**
     * @param notAnswering true once the agent counts as not answering
     * @param started      true for the one check that found it newly not answering
     * @param silence      how long nothing has arrived
     */
    public record Check(boolean notAnswering, boolean started, Duration silence) {
    }
}
