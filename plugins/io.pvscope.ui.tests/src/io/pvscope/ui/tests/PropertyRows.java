package io.pvscope.ui.tests;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.views.properties.PropertySheet;

/** Reads the Properties view as shown. */
final class PropertyRows {

    private PropertyRows() {
    }

    /** The Properties view's rows, name to value, with every category opened as a user would. */
    static Map<String, String> of(PropertySheet properties) {
        Tree tree = (Tree) properties.getCurrentPage().getControl();
        Map<String, String> rows = new LinkedHashMap<>();
        for (TreeItem item : tree.getItems()) {
            collect(tree, item, rows);
        }
        return rows;
    }

    private static void collect(Tree tree, TreeItem item, Map<String, String> rows) {
        if (item.getItemCount() > 0 && !item.getExpanded()) {
            Event expand = new Event();
            expand.item = item;
            tree.notifyListeners(SWT.Expand, expand);
            item.setExpanded(true);
        }
        if (item.getItemCount() == 0) {
            rows.put(item.getText(0), item.getText(1));
        }
        for (TreeItem child : item.getItems()) {
            collect(tree, child, rows);
        }
    }
}
