package io.pvscope.ui.internal.keyvalue;

import java.util.function.Function;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.swt.graphics.Color;

import io.pvscope.core.kv.KeyNode;

/** A plain column (Store, Access) that fades with its row. */
final class TextLabel extends ColumnLabelProvider {

    private final KeyValueView view;
    private final Function<KeyNode, String> text;

    TextLabel(KeyValueView view, Function<KeyNode, String> text) {
        this.view = view;
        this.text = text;
    }

    @Override
    public String getText(Object element) {
        return text.apply((KeyNode) element);
    }

    @Override
    public Color getBackground(Object element) {
        return view.background((KeyNode) element);
    }
}
