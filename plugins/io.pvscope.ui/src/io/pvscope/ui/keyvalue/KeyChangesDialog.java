package io.pvscope.ui.keyvalue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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

/**
 * The keys added, removed and changed between two moments of a store, one row each: Change | Key | Before |
 * After, new values in the changed colours. Modeless, so it can stay open beside the views.
 */
public class KeyChangesDialog extends Dialog {

    /** One row of the table. */
    public record Row(String change, SnapshotDiff.Change key) {
    }

    /**
     * What the dialog says.
     *
     * @param title       the window's title
     * @param summary     the line above the table (which store, between which moments)
     * @param beforeTitle the header of the old values' column
     * @param afterTitle  the header of the new values' column
     */
    public record Wording(String title, String summary, String beforeTitle, String afterTitle) {
    }

    private final Wording wording;
    private final RGB changedForeground;
    private final RGB changedBackground;
    private final List<Row> rows = new ArrayList<>();
    private TableViewer table;

    public KeyChangesDialog(Shell parent, SnapshotDiff diff, Wording wording, RGB changedForeground,
            RGB changedBackground) {
        super(parent);
        this.wording = wording;
        this.changedForeground = changedForeground;
        this.changedBackground = changedBackground;
        diff.changed().forEach(change -> rows.add(new Row("changed", change)));
        diff.added().forEach(change -> rows.add(new Row("added", change)));
        diff.removed().forEach(change -> rows.add(new Row("removed", change)));
        setShellStyle(getShellStyle() | SWT.RESIZE | SWT.MODELESS);
        setBlockOnOpen(false);
    }

    /** "3 changed, 1 added, 2 removed", or "no key changed". */
    public static String counts(SnapshotDiff diff) {
        return diff.isEmpty() ? "no key changed"
                : diff.changed().size() + " changed, " + diff.added().size() + " added, " + diff.removed().size()
                        + " removed";
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(wording.title());
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Label summary = new Label(area, SWT.WRAP);
        summary.setText(wording.summary());
        GridDataFactory.fillDefaults().grab(true, false).hint(640, SWT.DEFAULT).applyTo(summary);
        table = new TableViewer(area, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).hint(720, 320).applyTo(table.getControl());
        table.setContentProvider(ArrayContentProvider.getInstance());
        column("Change", 80, Row::change, false);
        column("Key", 240, row -> row.key().key(), false);
        column(wording.beforeTitle(), 190, row -> oneLine(row.key().beforeText()), false);
        column(wording.afterTitle(), 190, row -> oneLine(row.key().afterText()), true);
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

    public String summary() {
        return wording.summary();
    }

    /** @param changedLook paint the new value as a changed one */
    private void column(String title, int width, Function<Row, String> text, boolean changedLook) {
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
                return changedLook && changedBackground != null && !removed(element) ? new Color(changedBackground)
                        : null;
            }

            @Override
            public Color getForeground(Object element) {
                return changedLook && changedForeground != null && !removed(element) ? new Color(changedForeground)
                        : null;
            }
        });
    }

    private static boolean removed(Object element) {
        return ((Row) element).change().equals("removed");
    }

    private static String oneLine(String value) {
        return value.replace("\r", "").replace('\n', '⏎');
    }
}
