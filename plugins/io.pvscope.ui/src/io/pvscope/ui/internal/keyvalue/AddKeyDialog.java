package io.pvscope.ui.internal.keyvalue;

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

/** Asks for a new key's full path and its value. */
public final class AddKeyDialog extends TitleAreaDialog {

    private final String prefix;
    private Text keyField;
    private Text valueField;
    private String key;
    private String value;

    public AddKeyDialog(Shell parent, String prefix) {
        super(parent);
        this.prefix = prefix;
    }

    public String key() {
        return key;
    }

    public String value() {
        return value;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Add Key");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("Add a key to the store");
        setMessage("The agent writes only under the prefixes it was started to allow.");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite fields = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(fields);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(fields);
        new Label(fields, SWT.NONE).setText("&Key:");
        keyField = new Text(fields, SWT.BORDER);
        keyField.setText(prefix);
        keyField.setSelection(prefix.length());
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(keyField);
        new Label(fields, SWT.NONE).setText("&Value:");
        valueField = new Text(fields, SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(valueField);
        keyField.addModifyListener(event -> validate());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        validate();
    }

    @Override
    protected void okPressed() {
        key = keyField.getText().trim();
        value = valueField.getText();
        super.okPressed();
    }

    private void validate() {
        String text = keyField.getText().trim();
        String problem = text.isEmpty() || text.endsWith("/") ? "Name the key." : null;
        setErrorMessage(problem);
        if (getButton(IDialogConstants.OK_ID) != null) {
            getButton(IDialogConstants.OK_ID).setEnabled(problem == null);
        }
    }
}
