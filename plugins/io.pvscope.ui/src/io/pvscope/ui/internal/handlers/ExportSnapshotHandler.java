package io.pvscope.ui.internal.handlers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.handlers.HandlerUtil;

import io.pvscope.core.snapshot.SnapshotJson;
import io.pvscope.core.snapshot.StoreSnapshot;
import io.pvscope.ui.internal.keyvalue.KeyValueView;

/** Saves the shown store as one JSON file (target, agent, unit, time, every key), to attach to a bug. */
public final class ExportSnapshotHandler extends KeyViewHandler {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    @Override
    void execute(KeyValueView view, ExecutionEvent event) {
        StoreSnapshot snapshot = view.snapshot();
        if (snapshot == null) {
            view.showMessage("No store is shown yet: nothing to export.");
            return;
        }
        FileDialog dialog = new FileDialog(HandlerUtil.getActiveShell(event), SWT.SAVE);
        dialog.setOverwrite(true);
        dialog.setFilterExtensions(new String[] { "*.json" });
        dialog.setFileName("pvscope-unit" + snapshot.unit().number() + "-" + FILE_TIME.format(snapshot.taken())
                + ".json");
        String file = dialog.open();
        if (file == null) {
            return;
        }
        try {
            save(snapshot, Path.of(file));
            view.showMessage("Saved " + snapshot.size() + " keys to " + file);
        } catch (IOException e) {
            MessageDialog.openError(HandlerUtil.getActiveShell(event), "Export Snapshot", "Could not write " + file
                    + ": " + e.getMessage());
        }
    }

    public static void save(StoreSnapshot snapshot, Path file) throws IOException {
        Files.writeString(file, SnapshotJson.write(snapshot), StandardCharsets.UTF_8);
    }
}
