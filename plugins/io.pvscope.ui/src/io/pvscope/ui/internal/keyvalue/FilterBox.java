package io.pvscope.ui.internal.keyvalue;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Text;

import io.pvscope.core.kv.KeyFilter;
import io.pvscope.core.kv.KeyTree;

/**
 * The filter box above the tree: once typing pauses, the keys whose path contains the text are kept, with
 * the keys above them; when few match, they are all expanded.
 */
final class FilterBox {

    /** With at most this many keys matching, the filter expands the tree to show them all. */
    private static final int EXPAND_MATCHES_UP_TO = 300;
    /** Each pass over a large store costs a few milliseconds: wait for a pause in typing. */
    private static final int TYPING_PAUSE_MILLIS = 200;

    private final KeyValueView view;
    private final Text text;
    private final Runnable apply = this::apply;
    private KeyFilter filter = KeyFilter.NONE;

    FilterBox(Composite bar, KeyValueView view) {
        this.view = view;
        text = new Text(bar, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL | SWT.BORDER);
        text.setMessage("Filter keys (path prefix or any part of it)");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
        text.addModifyListener(event -> {
            Display display = text.getDisplay();
            display.timerExec(-1, apply);
            display.timerExec(TYPING_PAUSE_MILLIS, apply);
        });
    }

    Text text() {
        return text;
    }

    KeyFilter filter() {
        return filter;
    }

    private void apply() {
        if (text.isDisposed()) {
            return;
        }
        filter = new KeyFilter(text.getText());
        // A snapshot still loading takes the filter when it is shown.
        KeyTree shown = view.updates().shown();
        if (shown == null) {
            return;
        }
        shown.setFilter(filter);
        view.keyViewer().refreshAll();
        if (!filter.isEmpty() && shown.visibleCount() <= EXPAND_MATCHES_UP_TO) {
            view.keyViewer().expandVisible(shown);
        }
        view.status().describe();
    }
}
