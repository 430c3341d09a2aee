package io.pvscope.ui.internal.handlers;

import org.eclipse.swt.widgets.Display;

import io.pvscope.core.TargetConnection;
import io.pvscope.ui.internal.NetworkJob;

/** A connect as a Job: progress while the agent is reached, cancel disconnects. */
public final class Connecting {

    private Connecting() {
    }

    public static void start(TargetConnection connection, Display display) {
        NetworkJob.of("Connecting to " + connection.target().name() + " (" + connection.target().address() + ")",
                connection::connect, display)
                .whenCancelled(connection::disconnect)
                .schedule();
    }
}
