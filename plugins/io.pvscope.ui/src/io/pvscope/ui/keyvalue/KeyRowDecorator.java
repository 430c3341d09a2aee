package io.pvscope.ui.keyvalue;

import org.eclipse.swt.graphics.RGB;

import io.pvscope.core.Target;

/**
 * Lets another bundle tint rows of the Key/Value view, e.g. the keys a driver under the debugger has
 * touched. Register an implementation as an OSGi service; open views use every registered decorator, in
 * service ranking order, the first colour given winning. They repaint their rows when a decorator is
 * registered or unregistered or its service properties change: call
 * {@code ServiceRegistration.setProperties} to have new colours shown. While a key's changed or deleted
 * colour fades, that colour is shown instead.
 */
@FunctionalInterface
public interface KeyRowDecorator {

    /**
     * Called on the UI thread for each row painted, so it must be quick and must not block.
     *
     * @param target the agent the view shows
     * @param unit   the unit whose store is shown
     * @param key    the full key of the row, as KvRead takes it
     * @return the row's background, or null to leave it alone
     */
    RGB background(Target target, int unit, String key);
}
