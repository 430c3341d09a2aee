package io.pvscope.ui.internal.views;

import java.time.Duration;
import java.util.Locale;

import io.pvscope.core.ConnectionState;
import io.pvscope.core.TargetConnection;

/** The texts the Targets view shows for a connection's state and latency. */
final class TargetLabels {

    private TargetLabels() {
    }

    static String status(TargetConnection connection) {
        ConnectionState state = connection.state();
        return switch (state.status()) {
            case DISCONNECTED -> "disconnected";
            case CONNECTING -> "connecting…";
            case CONNECTED -> connection.agentProperties()
                    .map(info -> "connected (agent " + info.version() + ")")
                    .orElse("connected");
            case NOT_ANSWERING -> state.message();
            case RECONNECTING -> "reconnecting: " + state.message();
            case FAILED -> "failed: " + state.message();
        };
    }

    static String latency(TargetConnection connection) {
        return connection.lastLatency().map(TargetLabels::millis).orElse("");
    }

    private static String millis(Duration latency) {
        return String.format(Locale.ROOT, "%.1f ms", latency.toNanos() / 1_000_000.0);
    }
}
