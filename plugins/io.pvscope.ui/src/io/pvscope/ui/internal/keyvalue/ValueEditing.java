package io.pvscope.ui.internal.keyvalue;

import org.eclipse.jface.viewers.CellEditor;
import org.eclipse.jface.viewers.EditingSupport;
import org.eclipse.jface.viewers.TextCellEditor;
import org.eclipse.jface.viewers.TreeViewer;

import io.pvscope.core.kv.KeyNode;

/** Inline editing of the Value column, offered only where the agent said the key is writable. */
final class ValueEditing extends EditingSupport {

    private final KeyValueView view;
    private final TextCellEditor editor;

    ValueEditing(TreeViewer viewer, KeyValueView view) {
        super(viewer);
        this.view = view;
        this.editor = new TextCellEditor(viewer.getTree());
    }

    @Override
    protected boolean canEdit(Object element) {
        // Last-known keys are not edited: the write would wait for an agent that does not answer.
        return element instanceof KeyNode node && editable(node) && !view.showsLastKnown();
    }

    static boolean editable(KeyNode node) {
        return node.writable() && !node.isDeleted() && !node.hasChildren();
    }

    @Override
    protected CellEditor getCellEditor(Object element) {
        return editor;
    }

    @Override
    protected Object getValue(Object element) {
        return ((KeyNode) element).valueText();
    }

    @Override
    protected void setValue(Object element, Object value) {
        KeyNode node = (KeyNode) element;
        String text = String.valueOf(value);
        if (!text.equals(node.valueText())) {
            view.operations().write(node.key(), text);
        }
    }
}
