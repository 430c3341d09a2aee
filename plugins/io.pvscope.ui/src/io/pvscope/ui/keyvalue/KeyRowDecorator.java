package io.pvscope.ui.keyvalue;

import org.eclipse.swt.graphics.RGB;

import io.pvscope.core.Target;

/**
 * Lets another bundle tint rows of the Key/Value view, e.g. the keys a driver under the debugger has
 * touched, and colour their keys' names. Register an implementation as an OSGi service; open views use
 * every registered decorator, in service ranking order, the first colour given winning (for the background
 * and the text apart). They repaint their rows when a decorator is registered or unregistered or its
 * service properties change: call {@code ServiceRegistration.setProperties} to have new colours shown.
 * While a key's changed or deleted colour fades, that colour is shown instead.
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

    /**
     * The text colour of the row's key name, asked like {@link #background}. It is the Key column's: that
     * column paints its own text (filter matches in bold), where the tree's native cells would not show it.
     *
     * @return the key name's colour, or null (the default) to leave it alone
     */
    default RGB foreground(Target target, int unit, String key) {
        return null;
    }
}
