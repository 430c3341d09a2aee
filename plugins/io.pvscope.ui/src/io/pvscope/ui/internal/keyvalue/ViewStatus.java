package io.pvscope.ui.internal.keyvalue;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

import io.pvscope.core.ConnectionStatus;
import io.pvscope.core.StoreErrors;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.kv.KeyFeed;
import io.pvscope.core.kv.WatchMode;

/**
 * What the view says about itself: the line above the tree (target, unit, key count, loading, failure,
 * frozen) and messages in the status line.
 */
final class ViewStatus {

    /** What the view says of its rows while they are only the last known. */
    static final String LAST_KNOWN = "the keys shown are the last known, read-only";

    private final KeyValueView view;
    private final Consumer<String> description;

    /** @param description sets the view's content description */
    ViewStatus(KeyValueView view, Consumer<String> description) {
        this.view = view;
        this.description = description;
    }

    /** Says {@code text} above the tree until the next {@link #describe()}. */
    void show(String text) {
        description.accept(text);
    }

    /** A message in the workbench's status line. */
    void message(String message) {
        view.getViewSite().getActionBars().getStatusLineManager().setMessage(message);
    }

    /** An error in the workbench's status line, or none with null. */
    void error(String message) {
        view.getViewSite().getActionBars().getStatusLineManager().setErrorMessage(message);
    }

    /** Says what the view shows now. */
    void describe() {
        if (view.keyViewer().isDisposed()) {
            return;
        }
        StoreFollower follower = view.follower();
        TargetConnection connection = follower.connection();
        if (connection == null) {
            show("Select a target in the Targets view.");
            return;
        }
        String name = connection.target().name();
        ConnectionStatus status = connection.state().status();
        if (status != ConnectionStatus.CONNECTED) {
            String state = switch (status) {
                case CONNECTING -> "connecting…";
                case DISCONNECTED -> "not connected";
                default -> connection.state().message();
            };
            boolean lastKnown = view.showsLastKnown();
            show(name + ": " + state + (!lastKnown ? ""
                    : "; " + LAST_KNOWN + (status == ConnectionStatus.NOT_ANSWERING ? " until it answers"
                            : status == ConnectionStatus.RECONNECTING ? " until it is reconnected"
                            : " until it is connected")));
            return;
        }
        StoreSession session = follower.session();
        if (session == null) {
            show(name + (follower.noStore() ? ": no unit has a key/value store" : ""));
            return;
        }
        KeyFeed feed = session.feed();
        String where = name + " unit " + session.unit().number() + " (" + session.unit().store() + ")";
        if (session.cancelled() && !session.shown()) {
            show(where + ": loading cancelled; Refresh (F5) loads the keys again");
        } else if (feed.failure() != null) {
            show(where + ": " + StoreErrors.describe(feed.failure()));
        } else if (!session.shown()) {
            show(where + ": loading… " + feed.snapshotEntries() + " keys");
        } else {
            StringBuilder text = new StringBuilder(where).append(": ").append(session.tree().size()).append(" keys");
            if (!view.filter().isEmpty()) {
                text.append(", ").append(session.tree().visibleCount()).append(" shown");
            }
            text.append(watchMode(feed.started()));
            if (view.isFrozen()) {
                text.append(" — frozen, ").append(feed.pending()).append(" changes waiting");
            }
            session.tree().unavailable().ifPresent(outage -> text.append(" — store unavailable since ")
                    .append(clockTime(outage.sinceNanos())).append(" (").append(outage.errno()).append(": ")
                    .append(outage.reason()).append("); ").append(LAST_KNOWN).append(" until it is back"));
            show(text.toString());
        }
    }

    /** The wall-clock time of a {@code System.nanoTime()} reading in the past, as HH:mm:ss. */
    private static String clockTime(long nanos) {
        return CLOCK_TIME.format(LocalTime.now().minusNanos(System.nanoTime() - nanos));
    }

    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private static String watchMode(WatchMode started) {
        if (started == null) {
            return "";
        }
        if (started.polled()) {
            return ", polled every " + started.pollInterval().toMillis() + " ms";
        }
        return ", watched";
    }
}
