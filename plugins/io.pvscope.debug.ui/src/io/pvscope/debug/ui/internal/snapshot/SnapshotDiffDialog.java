package io.pvscope.debug.ui.internal.snapshot;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

import io.pvscope.core.snapshot.SnapshotDiff;
import io.pvscope.core.snapshot.StoreSnapshot;

/**
 * The keys added, removed and changed between two suspends, one row each: Change | Key | Before | After,
 * new values in the debug platform's changed-value colours.
 */
public final class SnapshotDiffDialog extends Dialog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());

    /** One row of the table. */
    public record Row(String change, SnapshotDiff.Change key) {
    }

    private final StoreSnapshot before;
    private final StoreSnapshot after;
    private final List<Row> rows = new ArrayList<>();
    private TableViewer table;

    public SnapshotDiffDialog(Shell parent, StoreSnapshot before, StoreSnapshot after) {
        super(parent);
        this.before = before;
        this.after = after;
        SnapshotDiff diff = SnapshotDiff.between(before, after);
        diff.changed().forEach(change -> rows.add(new Row("changed", change)));
        diff.added().forEach(change -> rows.add(new Row("added", change)));
        diff.removed().forEach(change -> rows.add(new Row("removed", change)));
        setShellStyle(getShellStyle() | SWT.RESIZE | SWT.MODELESS);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(CompareSuspendsHandler.TITLE);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Label summary = new Label(area, SWT.WRAP);
        summary.setText(summary());
        GridDataFactory.fillDefaults().grab(true, false).hint(640, SWT.DEFAULT).applyTo(summary);
        table = new TableViewer(area, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).hint(720, 320).applyTo(table.getControl());
        table.setContentProvider(ArrayContentProvider.getInstance());
        column("Change", 80, row -> row.change(), false);
        column("Key", 240, row -> row.key().key(), false);
        column("At the previous suspend", 190, row -> oneLine(row.key().beforeText()), false);
        column("At this suspend", 190, row -> oneLine(row.key().afterText()), true);
        table.setInput(rows);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        close();
    }

    /** The rows shown: changed keys first, then added, then removed, each sorted by key. */
    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public TableViewer table() {
        return table;
    }

    private String summary() {
        long changed = rows.stream().filter(row -> row.change().equals("changed")).count();
        long added = rows.stream().filter(row -> row.change().equals("added")).count();
        long removed = rows.size() - changed - added;
        String where = after.target().name() + " unit " + after.unit().getUnit()
                + (after.unit().getStore().isEmpty() ? "" : " (" + after.unit().getStore() + ")");
        return where + ", from the suspend at " + TIME.format(before.taken()) + " to the one at "
                + TIME.format(after.taken()) + ": " + (rows.isEmpty() ? "no key changed."
                        : changed + " changed, " + added + " added, " + removed + " removed of " + after.size() + " keys.");
    }

    /** @param changedLook paint the new value as the Variables view paints a changed one */
    private void column(String title, int width, java.util.function.Function<Row, String> text, boolean changedLook) {
        RGB foreground = SuspendSnapshots.changedColour();
        RGB background = SuspendSnapshots.changedBackground();
        TableViewerColumn column = new TableViewerColumn(table, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((Row) element);
            }

            @Override
            public Color getBackground(Object element) {
                return changedLook && !((Row) element).change().equals("removed") ? new Color(background) : null;
            }

            @Override
            public Color getForeground(Object element) {
                return changedLook && !((Row) element).change().equals("removed") ? new Color(foreground) : null;
            }
        });
    }

    private static String oneLine(String value) {
        return value.replace("\r", "").replace('\n', '⏎');
    }
}
