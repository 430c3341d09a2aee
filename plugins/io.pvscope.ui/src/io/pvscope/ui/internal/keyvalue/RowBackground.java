package io.pvscope.ui.internal.keyvalue;

import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;

import io.pvscope.core.kv.KeyNode;

/** A row's background: its fading changed or deleted colour, else what a decorator gives it, else none. */
final class RowBackground {

    private final KeyValueView view;
    private final ChangeColours colours;
    private final RowDecorators decorators;

    RowBackground(KeyValueView view, ChangeColours colours, RowDecorators decorators) {
        this.view = view;
        this.colours = colours;
        this.decorators = decorators;
    }

    /** The background now, or null for the tree's own. */
    Color of(KeyNode node) {
        Color changed = colours.background(node, System.nanoTime());
        if (changed != null) {
            return changed;
        }
        StoreSession session = view.follower().session();
        if (session == null) {
            return null;
        }
        RGB decorated = decorators.background(session.connection().target(), session.unit().number(), node.key());
        return decorated == null ? null : new Color(decorated);
    }

    /** The key name's colour a decorator gives, or null for the tree's own. */
    Color foreground(KeyNode node) {
        StoreSession session = view.follower().session();
        RGB decorated = session == null ? null
                : decorators.foreground(session.connection().target(), session.unit().number(), node.key());
        return decorated == null ? null : new Color(decorated);
    }
}
