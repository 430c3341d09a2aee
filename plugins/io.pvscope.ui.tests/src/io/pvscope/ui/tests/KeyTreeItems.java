package io.pvscope.ui.tests;

import java.util.Arrays;

import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

import io.pvscope.core.kv.KeyNode;
import io.pvscope.ui.internal.keyvalue.KeyValueView;

/** Finds rows of the Key/Value view's virtual tree, expanding along a key's path as a user would. */
final class KeyTreeItems {

    private KeyTreeItems() {
    }

    /**
     * The row of {@code key}, its parents expanded; null when it is not (yet) there. A row already expanded is
     * left alone: expanding repaints the tree, and a wait that asks again and again would keep the UI thread
     * busy with repaints it caused itself.
     */
    static TreeItem item(KeyValueView view, String key) {
        if (view.tree() == null) {
            return null;
        }
        KeyNode node = view.tree().find(key);
        return node == null ? null : item(view, node);
    }

    private static TreeItem item(KeyValueView view, KeyNode node) {
        if (node.parent() == view.tree().root()) {
            return find(view.viewer().getTree().getItems(), node);
        }
        TreeItem parent = item(view, node.parent());
        if (parent == null) {
            return null;
        }
        if (!parent.getExpanded()) {
            view.viewer().expandToLevel(node.parent(), 1);
        }
        return find(parent.getItems(), node);
    }

    /** Waits for the row of {@code key} with its name painted, and returns it. */
    static TreeItem waitFor(KeyValueView view, String key) {
        TreeItem[] found = new TreeItem[1];
        Ui.waitUntil(key + " is shown", Workbench.UI_TIMEOUT,
                () -> (found[0] = item(view, key)) != null && !found[0].getText(0).isEmpty());
        return found[0];
    }

    /** The names shown at the top level. */
    static java.util.List<String> topLevel(KeyValueView view) {
        Tree tree = view.viewer().getTree();
        return Arrays.stream(tree.getItems()).map(item -> item.getText(0)).toList();
    }

    /**
     * The rows the viewer has filled in so far, counted down expanded rows without asking for any: in a
     * virtual tree a row is filled only when it is painted or asked for, however many keys the store has.
     */
    static int filledRows(Tree tree) {
        return filled(tree.getItems());
    }

    private static int filled(TreeItem[] items) {
        int count = 0;
        for (TreeItem item : items) {
            if (item.getData() != null) {
                count++;
                if (item.getExpanded()) {
                    count += filled(item.getItems());
                }
            }
        }
        return count;
    }

    private static TreeItem find(TreeItem[] items, KeyNode node) {
        for (TreeItem item : items) {
            // getText asks the lazy content provider for rows not painted yet.
            item.getText(0);
            if (item.getData() == node) {
                return item;
            }
        }
        return null;
    }
}
