package io.pvscope.ui.internal.handlers;

import org.eclipse.core.commands.ExecutionEvent;

import io.pvscope.ui.internal.keyvalue.KeyValueView;

/** Lists what changed in the store while the view showed only the last-known keys. */
public final class ChangesWhileLastKnownHandler extends KeyViewHandler {

    @Override
    void execute(KeyValueView view, ExecutionEvent event) {
        view.showChangesWhileLastKnown();
    }
}
