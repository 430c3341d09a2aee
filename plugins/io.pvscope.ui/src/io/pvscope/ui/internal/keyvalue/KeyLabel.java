package io.pvscope.ui.internal.keyvalue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.viewers.StyledCellLabelProvider;
import org.eclipse.jface.viewers.ViewerCell;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;

import io.pvscope.core.kv.KeyFilter;
import io.pvscope.core.kv.KeyNode;
import io.pvscope.ui.internal.PvScopeImages;

/** The Key column: the key's name, the filter's matches in bold on a highlight, deleted keys struck out. */
final class KeyLabel extends StyledCellLabelProvider {

    private static final RGB MATCH = new RGB(255, 230, 140);

    private final KeyValueView view;

    KeyLabel(KeyValueView view) {
        this.view = view;
    }

    @Override
    public void update(ViewerCell cell) {
        if (!(cell.getElement() instanceof KeyNode node)) {
            return;
        }
        String name = node.name();
        cell.setText(name);
        cell.setImage(PvScopeImages.get(node.hasChildren() ? PvScopeImages.FOLDER : PvScopeImages.KEY));
        List<StyleRange> ranges = new ArrayList<>();
        KeyFilter filter = view.filter();
        for (int[] match : filter.occurrences(name)) {
            StyleRange range = new StyleRange(match[0], match[1], null, new Color(MATCH), SWT.BOLD);
            ranges.add(range);
        }
        if (node.isDeleted()) {
            StyleRange struck = new StyleRange(0, name.length(), null, null);
            struck.strikeout = true;
            ranges.add(0, struck);
        }
        cell.setStyleRanges(ranges.toArray(StyleRange[]::new));
        cell.setBackground(view.background(node));
        cell.setForeground(view.foreground(node));
        super.update(cell);
    }
}
