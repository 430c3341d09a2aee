package io.pvscope.ui.internal.keyvalue;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;

import io.pvscope.core.kv.KeyNode;
import io.pvscope.core.kv.XenbusKeys;

/**
 * The Value column: the value on its changed colour while it fades; a key the agent could not read shows
 * its errno instead, and a failed write or delete by the user shows its reason beside the value.
 */
final class ValueLabel extends ColumnLabelProvider {

    private final KeyValueView view;

    ValueLabel(KeyValueView view) {
        this.view = view;
    }

    @Override
    public String getText(Object element) {
        KeyNode node = (KeyNode) element;
        if (!node.error().isEmpty()) {
            return node.error();
        }
        String value = XenbusKeys.stateLabel(node).orElseGet(() -> oneLine(node.valueText()));
        if (node.isDeleted()) {
            return value.isEmpty() ? "(deleted)" : value + "  (deleted)";
        }
        return node.localError().isEmpty() ? value : value + "  ⚠ " + node.localError();
    }

    @Override
    public Image getImage(Object element) {
        KeyNode node = (KeyNode) element;
        if (!node.error().isEmpty() || !node.localError().isEmpty()) {
            return PlatformUI.getWorkbench().getSharedImages().getImage(ISharedImages.IMG_OBJS_ERROR_TSK);
        }
        return null;
    }

    @Override
    public Color getForeground(Object element) {
        KeyNode node = (KeyNode) element;
        if (!node.error().isEmpty() || !node.localError().isEmpty()) {
            return Display.getCurrent().getSystemColor(SWT.COLOR_RED);
        }
        if (view.paintsLastKnown()) {
            return view.staleForeground();
        }
        return node.isDeleted() ? Display.getCurrent().getSystemColor(SWT.COLOR_DARK_GRAY) : null;
    }

    @Override
    public Color getBackground(Object element) {
        return view.background((KeyNode) element);
    }

    @Override
    public String getToolTipText(Object element) {
        KeyNode node = (KeyNode) element;
        if (!node.error().isEmpty()) {
            return node.key() + ": the agent could not read this key (" + node.error() + ")";
        }
        if (!node.localError().isEmpty()) {
            return node.key() + ": " + node.localError();
        }
        return null;
    }

    /** Multi-line values (JSON, lists) are shown on one line; copy and edit see the real text. */
    static String oneLine(String value) {
        return value.replace("\r", "").replace('\n', '⏎');
    }
}
