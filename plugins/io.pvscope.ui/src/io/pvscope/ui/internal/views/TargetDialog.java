package io.pvscope.ui.internal.views;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.pvscope.core.Target;

/** Asks for an agent's address (host:port) and an optional display name. */
public final class AddTargetDialog extends TitleAreaDialog {

    private Text address;
    private Text name;
    private Target target;

    public AddTargetDialog(Shell parent) {
        super(parent);
    }

    /** The target entered, once the dialog was closed with OK. */
    public Target target() {
        return target;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Add Target");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("Add a PvScope agent");
        setMessage("The agent listens on 127.0.0.1:7393 unless told otherwise.");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite fields = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(fields);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(fields);
        address = field(fields, "&Address (host:port):", "127.0.0.1:7393");
        name = field(fields, "&Name (optional):", "");
        address.addModifyListener(event -> validate());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        validate();
    }

    @Override
    protected void okPressed() {
        target = parse();
        if (target != null) {
            super.okPressed();
        }
    }

    private Text field(Composite parent, String label, String initial) {
        new Label(parent, SWT.NONE).setText(label);
        Text text = new Text(parent, SWT.BORDER);
        text.setText(initial);
        GridDataFactory.fillDefaults().grab(true, false).hint(260, SWT.DEFAULT).applyTo(text);
        return text;
    }

    private void validate() {
        boolean valid = parse() != null;
        if (getButton(IDialogConstants.OK_ID) != null) {
            getButton(IDialogConstants.OK_ID).setEnabled(valid);
        }
    }

    private Target parse() {
        try {
            Target parsed = Target.parse(name.getText(), address.getText());
            setErrorMessage(null);
            return parsed;
        } catch (IllegalArgumentException e) {
            setErrorMessage(e.getMessage());
            return null;
        }
    }
}
