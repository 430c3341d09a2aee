package io.pvscope.ui.internal.handlers;

import java.util.List;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExecutableExtension;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;

import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.commands.KeyCommands;
import io.pvscope.core.kv.KeyNode;
import io.pvscope.ui.internal.keyvalue.KeyValueView;

/**
 * Copies a shell command that reads the selected key from outside Eclipse: {@code hostctl} or
 * {@code grpcurl}, named in plugin.xml after the class name ({@code CopyCommandHandler:grpcurl}).
 */
public final class CopyCommandHandler extends KeyViewHandler implements IExecutableExtension {

    private boolean grpcurl;

    @Override
    public void setInitializationData(IConfigurationElement config, String property, Object data) {
        grpcurl = "grpcurl".equals(data instanceof String name ? name.trim() : "");
    }

    @Override
    void execute(KeyValueView view, ExecutionEvent event) {
        List<KeyNode> selected = view.selectedNodes();
        TargetConnection connection = view.connection();
        if (selected.isEmpty() || connection == null || view.unit() < 0) {
            return;
        }
        String command = command(connection.target(), view.unit(), selected.get(0).key());
        Clipboard clipboard = new Clipboard(view.viewer().getControl().getDisplay());
        try {
            clipboard.setContents(new Object[] { command }, new Transfer[] { TextTransfer.getInstance() });
        } finally {
            clipboard.dispose();
        }
        view.showMessage("Copied: " + command);
    }

    private String command(Target target, int unit, String key) {
        boolean token = PvScopeCore.targets().secrets().token(target).isPresent();
        return grpcurl ? KeyCommands.grpcurl(target, unit, key, token) : KeyCommands.hostctl(target, unit, key, token);
    }
}
