package io.pvscope.ui.internal.keyvalue;

import java.util.List;

import org.eclipse.jface.viewers.ILazyTreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;

import io.pvscope.core.kv.KeyNode;
import io.pvscope.core.kv.KeyTree;

/**
 * Hands a virtual tree only the rows it is about to paint, so a store of any size costs what is on screen.
 * The input is the {@link KeyTree}; its root node stands for the input.
 */
final class KeyTreeContent implements ILazyTreeContentProvider {

    private final TreeViewer viewer;
    private KeyTree tree;

    KeyTreeContent(TreeViewer viewer) {
        this.viewer = viewer;
    }

    @Override
    public void inputChanged(org.eclipse.jface.viewers.Viewer changed, Object oldInput, Object newInput) {
        tree = (KeyTree) newInput;
    }

    @Override
    public void updateElement(Object parent, int index) {
        if (tree == null) {
            return;
        }
        List<KeyNode> children = tree.visibleChildren(node(parent));
        if (index < children.size()) {
            KeyNode child = children.get(index);
            viewer.replace(parent, index, child);
            viewer.setChildCount(child, tree.visibleChildren(child).size());
        }
    }

    @Override
    public void updateChildCount(Object element, int currentChildCount) {
        if (tree == null) {
            return;
        }
        int count = tree.visibleChildren(node(element)).size();
        if (count != currentChildCount) {
            viewer.setChildCount(element, count);
        }
    }

    @Override
    public Object getParent(Object element) {
        if (!(element instanceof KeyNode node) || tree == null) {
            return null;
        }
        return node.parent() == tree.root() ? tree : node.parent();
    }

    /** The viewer element that stands for {@code node}: the input for the root. */
    Object element(KeyNode node) {
        return node == tree.root() ? tree : node;
    }

    private KeyNode node(Object element) {
        return element instanceof KeyNode node ? node : tree.root();
    }
}
