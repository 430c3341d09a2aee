package io.pvscope.ui.internal.handlers;

import java.util.Locale;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExecutableExtension;

import io.pvscope.ui.internal.keyvalue.KeyOperations;
import io.pvscope.ui.internal.keyvalue.KeyValueView;

/**
 * Copies the selected keys' path, name or value; which one is given in plugin.xml after the class name
 * ({@code CopyKeyHandler:value}).
 */
public final class CopyKeyHandler extends KeyViewHandler implements IExecutableExtension {

    private KeyOperations.Part part = KeyOperations.Part.PATH;

    @Override
    public void setInitializationData(IConfigurationElement config, String property, Object data) {
        if (data instanceof String name && !name.isBlank()) {
            part = KeyOperations.Part.valueOf(name.trim().toUpperCase(Locale.ROOT));
        }
    }

    @Override
    void execute(KeyValueView view, ExecutionEvent event) {
        view.operations().copy(view.selectedNodes(), part);
    }
}
