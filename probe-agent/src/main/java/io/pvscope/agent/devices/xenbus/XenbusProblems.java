package io.pvscope.agent.devices.xenbus;

import io.pvscope.agent.devices.DeviceProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What looks wrong with a XenBus device: an end named but missing, a frontend Connected to a backend that
 * is not, a pair parked in a combination that is not an end point of the handshake for longer than the
 * allowed time (a close stopped halfway among them), and features requested that the backend never offered.
 */
public final class XenbusProblems {

    /** How long a pair may sit between handshake steps before it counts as stuck, unless told otherwise. */
    public static final Duration DEFAULT_STUCK_AFTER = Duration.ofSeconds(10);

    private static final int CONNECTED = XenbusState.CONNECTED.value();
    private static final int CLOSING = XenbusState.CLOSING.value();
    private static final int CLOSED = XenbusState.CLOSED.value();

    private XenbusProblems() {
    }

    /**
     * @param timeline   the device's timeline (its last entry says since when the pair is as it is), or empty
     * @param now        the time to measure against
     * @param stuckAfter how long a pair may sit between steps
     */
    public static List<DeviceProblem> of(XenbusDevice device, List<XenbusTimeline.Entry> timeline, Instant now,
            Duration stuckAfter) {
        List<DeviceProblem> problems = new ArrayList<>();
        device.frontend().flatMap(XenbusEnd::error).ifPresent(why -> problems.add(new DeviceProblem(
                "frontend-missing", "the backend names frontend " + device.frontend().get().path()
                        + ", which cannot be read (" + why + ")")));
        device.backend().flatMap(XenbusEnd::error).ifPresent(why -> problems.add(new DeviceProblem(
                "backend-missing", "the frontend names backend " + device.backend().get().path()
                        + ", which cannot be read (" + why + ")")));
        if (device.frontend().isPresent() && device.frontend().get().present() && device.backend().isEmpty()) {
            problems.add(new DeviceProblem("backend-missing", "the frontend has no backend node"));
        }
        int front = device.frontendState();
        int back = device.backendState();
        boolean bothKnown = front >= 0 && back >= 0;
        if (bothKnown && front == CONNECTED && back != CONNECTED) {
            problems.add(new DeviceProblem("state-mismatch", "the frontend is Connected to a backend in "
                    + XenbusState.describe(back)));
        }
        Optional<Instant> since = timeline.isEmpty() ? Optional.empty() : Optional.of(timeline.get(timeline.size() - 1).at());
        if (bothKnown && !settled(front, back) && since.isPresent()) {
            Duration held = Duration.between(since.get(), now);
            if (held.compareTo(stuckAfter) >= 0) {
                boolean firstSeen = timeline.get(timeline.size() - 1).firstSeen();
                String how = (firstSeen ? "for at least " : "for ") + seconds(held);
                boolean closing = front == CLOSING || back == CLOSING || front == CLOSED || back == CLOSED;
                problems.add(closing
                        ? new DeviceProblem("close-halfway", "the close handshake stopped halfway: frontend "
                                + XenbusState.describe(front) + ", backend " + XenbusState.describe(back) + " " + how)
                        : new DeviceProblem("stuck", "stuck at frontend " + XenbusState.describe(front)
                                + ", backend " + XenbusState.describe(back) + " " + how));
            }
        }
        for (XenbusDevice.Feature feature : device.features()) {
            notOffered(feature).ifPresent(problems::add);
        }
        return problems;
    }

    /** Pairs where the handshake rests: both Connected, both Closed, both gone back to Unknown. */
    private static boolean settled(int front, int back) {
        return front == back && (front == CONNECTED || front == CLOSED || front == XenbusState.UNKNOWN.value());
    }

    /** A frontend asking for more than the backend offers, or for what it does not offer at all. */
    private static Optional<DeviceProblem> notOffered(XenbusDevice.Feature feature) {
        XenbusNegotiation.Row row = feature.row();
        if (row.backendKey().isEmpty() || row.frontendKey().isEmpty() || feature.requested().isEmpty()) {
            return Optional.empty();
        }
        long requested = number(feature.requested().get()).orElse(1L);
        if (requested <= 0) {
            return Optional.empty();
        }
        long offered = feature.offered().flatMap(XenbusProblems::number).orElse(0L);
        boolean counted = row.backendKey().startsWith("max-") || row.backendKey().startsWith("multi-queue-max");
        if (offered == 0 || counted && requested > offered) {
            return Optional.of(new DeviceProblem("feature-not-offered", row.feature() + ": the frontend wrote "
                    + row.frontendKey() + " = " + feature.requested().get().strip() + " but the backend "
                    + (feature.offered().isEmpty() ? "does not offer " + row.backendKey()
                            : "offers " + row.backendKey() + " = " + feature.offered().get().strip())));
        }
        return Optional.empty();
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String seconds(Duration held) {
        return held.toSeconds() + " s";
    }
}
