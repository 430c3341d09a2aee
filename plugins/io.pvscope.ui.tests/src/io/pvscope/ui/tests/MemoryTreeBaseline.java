package io.pvscope.ui.tests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;

/**
 * What showing a store's rows costs with nothing but SWT: a plain virtual tree with the Key/Value view's
 * columns, laid over the view's tree in the same workbench, filled from keys already in memory. No store, no
 * connection, no viewer: the floor the view is measured against. Its rows are built before they are shown
 * and carry the view's labels (name, value, store, access); a filter keeps the keys whose path contains the
 * text and the keys above them, as the view's does, computed on the UI thread as the view computes it.
 */
final class MemoryTreeBaseline implements AutoCloseable {

    private final Shell shell;
    private final Tree tree;
    private Node all;
    private Node shown;
    private long bulkPaintedAt;

    private MemoryTreeBaseline(Tree over) {
        shell = new Shell(over.getShell(), SWT.NO_TRIM);
        shell.setLayout(new FillLayout());
        tree = new Tree(shell, SWT.VIRTUAL | SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        tree.setHeaderVisible(true);
        tree.setLinesVisible(true);
        for (TreeColumn column : over.getColumns()) {
            TreeColumn copy = new TreeColumn(tree, SWT.NONE);
            copy.setText(column.getText());
            copy.setWidth(column.getWidth());
        }
        tree.addListener(SWT.SetData, this::fill);
        tree.addListener(SWT.PaintItem, this::painted);
        shell.setBounds(over.getDisplay().map(over.getParent(), null, over.getBounds()));
        shell.open();
    }

    /** Opens the baseline's tree, empty, exactly over {@code viewTree}. */
    static MemoryTreeBaseline over(Tree viewTree) {
        return new MemoryTreeBaseline(viewTree);
    }

    /** The rows of {@code entries} (key → value), built before they are shown: the baseline starts from memory. */
    static Node rows(Map<String, String> entries) {
        return Node.of(entries);
    }

    /** Shows {@code rows} in place of what was shown. */
    void show(Node rows) {
        all = rows;
        showNow(rows);
    }

    /** Shows the keys whose path contains {@code text}, with the keys above them. */
    void filter(String text) {
        showNow(all.filtered(text));
    }

    /** Shows every key again. */
    void clearFilter() {
        showNow(all);
    }

    /** The keys in the rows shown now. */
    int keys() {
        return shown == null ? 0 : shown.keys();
    }

    /** When ({@link System#nanoTime()}) the bulk/ row was painted since the last {@code show}, or 0. */
    long bulkPaintedAt() {
        return bulkPaintedAt;
    }

    @Override
    public void close() {
        shell.dispose();
    }

    private void showNow(Node root) {
        shown = root;
        bulkPaintedAt = 0;
        // What a virtual viewer does with new input: forget every row, then say how many there are.
        tree.clearAll(true);
        tree.setItemCount(root.children.length);
    }

    private void fill(Event event) {
        TreeItem item = (TreeItem) event.item;
        TreeItem parentItem = item.getParentItem();
        Node parent = parentItem == null ? shown : (Node) parentItem.getData();
        if (parent == null || event.index >= parent.children.length) {
            return;
        }
        Node node = parent.children[event.index];
        item.setData(node);
        // The store's name and the access the agent grants: writes only under data/.
        String access = node.key.startsWith("data/") ? "read-write" : "read-only";
        item.setText(new String[] { node.name, node.value, "sim", access });
        item.setItemCount(node.children.length);
    }

    private void painted(Event event) {
        if (bulkPaintedAt == 0 && event.item.getData() instanceof Node node && node.key.equals("bulk")) {
            bulkPaintedAt = System.nanoTime();
        }
    }

    /** A key with its value and the keys below it, sorted by name as the view sorts them. */
    static final class Node {
        final String key;
        final String name;
        final String value;
        final Node[] children;

        Node(String key, String value, Node[] children) {
            this.key = key;
            this.name = key.substring(key.lastIndexOf('/') + 1);
            this.value = value;
            this.children = children;
        }

        static Node of(Map<String, String> entries) {
            Draft root = new Draft("");
            entries.forEach((key, value) -> {
                Draft at = root;
                for (String part : key.split("/")) {
                    String path = at.key.isEmpty() ? part : at.key + "/" + part;
                    at = at.children.computeIfAbsent(part, name -> new Draft(path));
                }
                at.value = value;
            });
            return root.build();
        }

        /** This node with only the children kept by {@code text} (itself where nothing changed), or null. */
        Node filtered(String text) {
            List<Node> kept = new ArrayList<>(children.length);
            for (Node child : children) {
                Node copy = child.filtered(text);
                if (copy != null) {
                    kept.add(copy);
                }
            }
            if (kept.isEmpty() && !contains(key, text)) {
                return key.isEmpty() ? new Node(key, value, new Node[0]) : null;
            }
            boolean same = kept.size() == children.length;
            for (int i = 0; same && i < children.length; i++) {
                same = kept.get(i) == children[i];
            }
            return same ? this : new Node(key, value, kept.toArray(Node[]::new));
        }

        /** Whether {@code text} occurs in {@code key}, letter case ignored, without copying either. */
        private static boolean contains(String key, String text) {
            for (int i = 0; i <= key.length() - text.length(); i++) {
                if (key.regionMatches(true, i, text, 0, text.length())) {
                    return true;
                }
            }
            return false;
        }

        /** The keys without children at or below this one: those a store holds values in. */
        int keys() {
            if (children.length == 0) {
                return key.isEmpty() ? 0 : 1;
            }
            int keys = 0;
            for (Node child : children) {
                keys += child.keys();
            }
            return keys;
        }
    }

    /** A node while the rows are read in. */
    private static final class Draft {
        final String key;
        final Map<String, Draft> children = new TreeMap<>();
        String value = "";

        Draft(String key) {
            this.key = key;
        }

        Node build() {
            return new Node(key, value, children.values().stream().map(Draft::build).toArray(Node[]::new));
        }
    }
}
