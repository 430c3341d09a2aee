package io.pvscope.ui.internal.handlers;

import org.eclipse.ui.ISources;
import org.eclipse.ui.handlers.HandlerUtil;

import io.pvscope.ui.internal.keyvalue.KeyValueView;

/**
 * A command that changes the store: disabled while the Key/Value view shows only the last-known keys (the
 * target does not answer, or its store is unavailable), as its line above the tree says.
 */
abstract class KeyWriteHandler extends KeyViewHandler {

    @Override
    public void setEnabled(Object evaluationContext) {
        Object part = HandlerUtil.getVariable(evaluationContext, ISources.ACTIVE_PART_NAME);
        setBaseEnabled(!(part instanceof KeyValueView view) || !view.showsLastKnown());
    }
}
