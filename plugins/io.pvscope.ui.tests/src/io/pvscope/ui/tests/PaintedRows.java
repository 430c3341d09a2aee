package io.pvscope.ui.tests;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

import io.pvscope.core.kv.KeyNode;

/**
 * What the Key/Value view's tree really painted: for each key, the text of each cell when the tree last
 * drew it and when that was. Hooks the tree's PaintItem event, which comes once a cell was drawn.
 */
final class PaintedRows implements AutoCloseable {

    private final Tree tree;
    private final Map<String, Painted> rows = new HashMap<>();
    private final Listener listener = this::painted;
    private long lastPaint;

    private PaintedRows(Tree tree) {
        this.tree = tree;
    }

    static PaintedRows watch(Tree tree) {
        PaintedRows painted = new PaintedRows(tree);
        tree.addListener(SWT.PaintItem, painted.listener);
        return painted;
    }

    /** The text last painted in {@code column} of {@code key}'s row, or null if it was never painted. */
    String text(String key, int column) {
        Painted row = rows.get(key);
        return row == null ? null : row.texts.get(column);
    }

    /** When ({@link System#nanoTime()}) {@code key}'s row was first painted with {@code text} in {@code column}, or 0. */
    long paintedAt(String key, int column, String text) {
        Painted row = rows.get(key);
        return row == null ? 0 : row.firstPainted.getOrDefault(column + "\u0000" + text, 0L);
    }

    /** When any row was last painted, or 0. */
    long lastPaint() {
        return lastPaint;
    }

    /** Forgets what was painted, so that only later paints count. */
    void forget() {
        rows.clear();
        lastPaint = 0;
    }

    /** Asks the tree to paint now what is on screen. */
    void repaint() {
        tree.redraw();
        tree.update();
    }

    @Override
    public void close() {
        if (!tree.isDisposed()) {
            tree.removeListener(SWT.PaintItem, listener);
        }
    }

    private void painted(Event event) {
        if (!(event.item instanceof TreeItem item) || !(item.getData() instanceof KeyNode node)) {
            return;
        }
        long now = System.nanoTime();
        lastPaint = now;
        String text = item.getText(event.index);
        Painted row = rows.computeIfAbsent(node.key(), key -> new Painted());
        row.texts.put(event.index, text);
        row.firstPainted.putIfAbsent(event.index + "\u0000" + text, now);
    }

    private static final class Painted {
        final Map<Integer, String> texts = new HashMap<>();
        final Map<String, Long> firstPainted = new HashMap<>();
    }
}
