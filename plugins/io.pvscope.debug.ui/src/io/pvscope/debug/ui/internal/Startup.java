package io.pvscope.debug.ui.internal;

import org.eclipse.ui.IStartup;

import io.pvscope.debug.ui.internal.launch.LaunchConnector;
import io.pvscope.debug.ui.internal.snapshot.SuspendSnapshots;

/** Listens to launches and debug events from the start, before any PvScope class is otherwise loaded. */
public final class Startup implements IStartup {

    private static final LaunchConnector CONNECTOR = new LaunchConnector();
    private static boolean started;

    @Override
    public void earlyStartup() {
        ensureStarted();
    }

    /** Starts the listeners once, whoever asks first (the workbench at startup, or a view). */
    public static synchronized void ensureStarted() {
        if (!started) {
            started = true;
            CONNECTOR.start();
            SuspendSnapshots.instance().start();
        }
    }
}
