package io.pvscope.debug.ui.internal.launch;

import java.util.Arrays;
import java.util.Optional;

import org.eclipse.core.runtime.ILog;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.ILaunchesListener2;

import io.pvscope.core.ConnectionStatus;
import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.debug.ui.PvScopeLaunch;

/**
 * Connects the target a launch names as the launch starts, whatever its type, and disconnects it when the
 * launch terminates if the configuration asks so and no other running launch still uses that target.
 */
public final class LaunchConnector implements ILaunchesListener2 {

    private final ILaunchManager launches = DebugPlugin.getDefault().getLaunchManager();

    public void start() {
        launches.addLaunchListener(this);
    }

    public void stop() {
        launches.removeLaunchListener(this);
    }

    @Override
    public void launchesAdded(ILaunch[] added) {
        for (ILaunch launch : added) {
            PvScopeLaunch.target(launch.getLaunchConfiguration()).ifPresent(LaunchConnector::connect);
        }
    }

    @Override
    public void launchesTerminated(ILaunch[] terminated) {
        for (ILaunch launch : terminated) {
            Optional<Target> target = PvScopeLaunch.target(launch.getLaunchConfiguration());
            if (target.isPresent() && PvScopeLaunch.disconnectOnTerminate(launch.getLaunchConfiguration())
                    && !usedByAnotherRunningLaunch(launch, target.get())) {
                PvScopeCore.targets().connection(target.get()).disconnect();
            }
        }
    }

    @Override
    public void launchesRemoved(ILaunch[] removed) {
    }

    @Override
    public void launchesChanged(ILaunch[] changed) {
    }

    private static void connect(Target target) {
        TargetConnection connection = PvScopeCore.targets().connection(target);
        ConnectionStatus status = connection.state().status();
        if (status == ConnectionStatus.CONNECTED || status == ConnectionStatus.CONNECTING
                || status == ConnectionStatus.NOT_ANSWERING || status == ConnectionStatus.RECONNECTING) {
            return;
        }
        connection.connect().exceptionally(error -> {
            // The Targets view shows the failure on the target; the launch itself goes on.
            ILog.of(LaunchConnector.class).warn("PvScope: the launch could not connect " + target.address()
                    + ": " + error.getMessage());
            return null;
        });
    }

    private boolean usedByAnotherRunningLaunch(ILaunch terminated, Target target) {
        return Arrays.stream(launches.getLaunches())
                .filter(other -> other != terminated && !other.isTerminated())
                .anyMatch(other -> PvScopeLaunch.target(other.getLaunchConfiguration()).filter(target::equals).isPresent());
    }
}
