package io.pvscope.debug.ui;

import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;

import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;

/** The launch configuration attributes of the PvScope tab, for any launch type. */
public final class PvScopeLaunch {

    /** The target's address ({@code host:port}, see {@link Target#address()}); absent: no target. */
    public static final String ATTR_TARGET = "io.pvscope.debug.ui.target";
    /** Disconnect from the target when the launch terminates (default false: the target stays connected). */
    public static final String ATTR_DISCONNECT_ON_TERMINATE = "io.pvscope.debug.ui.disconnectOnTerminate";
    public static final String TAB_ID = "io.pvscope.debug.ui.launchTab";

    private PvScopeLaunch() {
    }

    /**
     * The known target the configuration names; empty when it names none, or an address no longer in the
     * Targets view (a target removed there is not brought back by a launch).
     */
    public static Optional<Target> target(ILaunchConfiguration configuration) {
        if (configuration == null) {
            return Optional.empty();
        }
        try {
            String address = configuration.getAttribute(ATTR_TARGET, "");
            if (address.isBlank()) {
                return Optional.empty();
            }
            return PvScopeCore.targets().findByAddress(Target.parse(null, address));
        } catch (CoreException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static boolean disconnectOnTerminate(ILaunchConfiguration configuration) {
        try {
            return configuration != null && configuration.getAttribute(ATTR_DISCONNECT_ON_TERMINATE, false);
        } catch (CoreException e) {
            return false;
        }
    }
}
