package io.pvscope.ui.internal.keyvalue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ColumnViewerEditor;
import org.eclipse.jface.viewers.ColumnViewerEditorActivationEvent;
import org.eclipse.jface.viewers.ColumnViewerEditorActivationStrategy;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.jface.viewers.TreeViewerEditor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;

import io.pvscope.core.kv.KeyNode;
import io.pvscope.core.kv.KeyTree;

/**
 * The virtual tree of keys with its columns Key | Value | Store | Access, and what is done to its rows:
 * a new tree handed over, rows asked for again, matches expanded.
 */
final class KeyViewer {

    /** Above this many changed parents a full refresh is cheaper than one refresh each. */
    private static final int REFRESH_ALL_ABOVE = 64;

    private final TreeViewer viewer;
    private final KeyTreeContent content;

    KeyViewer(Composite parent, KeyValueView view) {
        viewer = new TreeViewer(parent, SWT.VIRTUAL | SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getControl());
        viewer.setUseHashlookup(true);
        content = new KeyTreeContent(viewer);
        viewer.setContentProvider(content);
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        column("Key", 260).setLabelProvider(new KeyLabel(view));
        TreeViewerColumn value = column("Value", 300);
        value.setLabelProvider(new ValueLabel(view));
        value.setEditingSupport(new ValueEditing(viewer, view));
        column("Store", 80).setLabelProvider(new TextLabel(view, node -> view.storeName()));
        column("Access", 90).setLabelProvider(new TextLabel(view, KeyViewer::accessText));
        ColumnViewerToolTipSupport.enableFor(viewer);
        TreeViewerEditor.create(viewer, new ColumnViewerEditorActivationStrategy(viewer) {
            @Override
            protected boolean isEditorActivationEvent(ColumnViewerEditorActivationEvent event) {
                return event.eventType == ColumnViewerEditorActivationEvent.MOUSE_DOUBLE_CLICK_SELECTION
                        || event.eventType == ColumnViewerEditorActivationEvent.PROGRAMMATIC
                        || event.eventType == ColumnViewerEditorActivationEvent.KEY_PRESSED
                                && event.keyCode == SWT.F2;
            }
        }, ColumnViewerEditor.KEYBOARD_ACTIVATION | ColumnViewerEditor.TABBING_HORIZONTAL);
    }

    TreeViewer viewer() {
        return viewer;
    }

    boolean isDisposed() {
        return viewer.getControl().isDisposed();
    }

    /** Keys selected in the tree. */
    List<KeyNode> selectedNodes() {
        List<KeyNode> nodes = new ArrayList<>();
        for (Object element : ((IStructuredSelection) viewer.getSelection()).toList()) {
            if (element instanceof KeyNode node) {
                nodes.add(node);
            }
        }
        return nodes;
    }

    /** Shows {@code next} in place of {@code previous} (or nothing), keeping what was expanded. */
    void show(KeyTree previous, KeyTree next) {
        List<String> expanded = new ArrayList<>();
        if (previous != null) {
            for (Object element : viewer.getExpandedElements()) {
                if (element instanceof KeyNode node) {
                    expanded.add(node.key());
                }
            }
        }
        viewer.setInput(next);
        List<KeyNode> again = new ArrayList<>();
        for (String key : expanded) {
            KeyNode node = next.find(key);
            if (node != null) {
                again.add(node);
            }
        }
        if (!again.isEmpty()) {
            viewer.setExpandedElements(again.toArray());
        }
    }

    void clear() {
        viewer.setInput(null);
    }

    /**
     * Asks the lazy content provider again for the rows under each parent. Only the rows on screen are
     * asked for; relabelling single rows of a virtual tree below its top level proved unreliable.
     */
    void relabel(KeyTree shown, Set<KeyNode> parents) {
        if (parents.size() > REFRESH_ALL_ABOVE) {
            viewer.refresh();
            return;
        }
        for (KeyNode parent : parents) {
            if (parent == null) {
                continue;
            }
            Object element = content.element(parent);
            viewer.setChildCount(element, shown.visibleChildren(parent).size());
            viewer.refresh(element);
        }
    }

    /** Asks every row again, e.g. after the filter or a decorator changed. */
    void refreshAll() {
        viewer.refresh();
    }

    /** Expands every key that has visible children: all the filter's matches are in sight. */
    void expandVisible(KeyTree shown) {
        List<KeyNode> parents = new ArrayList<>();
        shown.forEachVisible(shown.root(), node -> {
            if (!shown.visibleChildren(node).isEmpty()) {
                parents.add(node);
            }
        });
        viewer.setExpandedElements(parents.toArray());
    }

    private TreeViewerColumn column(String title, int width) {
        TreeViewerColumn column = new TreeViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.getColumn().setMoveable(true);
        return column;
    }

    private static String accessText(KeyNode node) {
        return switch (node.access()) {
            case READ_WRITE -> "read-write";
            case READ_ONLY -> "read-only";
            default -> "";
        };
    }
}
