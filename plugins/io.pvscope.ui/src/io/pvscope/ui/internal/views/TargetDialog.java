package io.pvscope.ui.internal.views;

import java.util.Optional;

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
import io.pvscope.core.TargetSecurity;

/**
 * Asks for an agent's address (host:port), an optional display name and how to reach it securely: TLS with
 * its certificate files, and a bearer token; to add a target or edit one. The token is only handed back, for
 * the caller to put into a SecretStore: the dialog never shows a stored one.
 */
public final class TargetDialog extends TitleAreaDialog {

    private final Target editing;
    private final boolean hasToken;
    private Text address;
    private Text name;
    private SecurityFields security;
    private Target target;
    private String token;

    /** A dialog to add a new target. */
    public TargetDialog(Shell parent) {
        this(parent, null, false);
    }

    /**
     * A dialog to change {@code editing}, or to add a target when it is null.
     *
     * @param hasToken whether a token is stored for {@code editing}: an empty token field then keeps it
     */
    public TargetDialog(Shell parent, Target editing, boolean hasToken) {
        super(parent);
        this.editing = editing;
        this.hasToken = hasToken;
    }

    /** The target entered, once the dialog was closed with OK. */
    public Target target() {
        return target;
    }

    /** The token typed in, once closed with OK; empty when the field was left empty. */
    public Optional<String> token() {
        return Optional.ofNullable(token).filter(text -> !text.isEmpty());
    }

    /** The TLS and token fields, for code that fills the dialog in. */
    public SecurityFields securityFields() {
        return security;
    }

    /** The address field, for code that fills the dialog in. */
    public Text addressField() {
        return address;
    }

    /** The name field, for code that fills the dialog in. */
    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(editing == null ? "Add Target" : "Edit Target");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle(editing == null ? "Add a PvScope agent" : "Edit " + editing.name());
        setMessage(editing == null ? "The agent listens on 127.0.0.1:7393 unless told otherwise."
                : "Changing the address reconnects to the agent there.");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite fields = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(fields);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(fields);
        address = field(fields, "&Address (host:port):", editing == null ? "127.0.0.1:7393" : editing.address());
        name = field(fields, "&Name (optional):", editing == null ? "" : editing.name());
        security = new SecurityFields(fields, editing == null ? TargetSecurity.PLAINTEXT : editing.security(),
                hasToken, this::validate);
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
        token = security.token();
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

    void validate() {
        boolean valid = parse() != null;
        if (getButton(IDialogConstants.OK_ID) != null) {
            getButton(IDialogConstants.OK_ID).setEnabled(valid);
        }
    }

    private Target parse() {
        try {
            String display = name.getText();
            // An unchanged default name follows the address when only the address was edited.
            if (editing != null && display.equals(editing.address())) {
                display = "";
            }
            Target parsed = Target.parse(display, address.getText()).withSecurity(security.security());
            setErrorMessage(null);
            return parsed;
        } catch (IllegalArgumentException e) {
            setErrorMessage(e.getMessage());
            return null;
        }
    }
}
