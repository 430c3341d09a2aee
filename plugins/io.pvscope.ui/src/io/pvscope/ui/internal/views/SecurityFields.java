package io.pvscope.ui.internal.views;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.pvscope.core.TargetSecurity;

/** The TLS checkbox, the certificate files and the token field of the target dialog, in its 2-column grid. */
public final class SecurityFields {

    private final Button tls;
    private final Text caFile;
    private final Text certFile;
    private final Text keyFile;
    private final Text token;

    SecurityFields(Composite grid, TargetSecurity initial, boolean hasToken, Runnable changed) {
        tls = new Button(grid, SWT.CHECK);
        tls.setText("Use &TLS");
        tls.setSelection(initial.tls());
        GridDataFactory.fillDefaults().span(2, 1).applyTo(tls);
        caFile = fileField(grid, "Trusted &CA (PEM, optional):", initial.caFile(), changed);
        certFile = fileField(grid, "Client c&ertificate (PEM):", initial.certFile(), changed);
        keyFile = fileField(grid, "Client &key (PKCS#8 PEM):", initial.keyFile(), changed);
        new Label(grid, SWT.NONE).setText("T&oken:");
        token = new Text(grid, SWT.BORDER | SWT.PASSWORD);
        // A stored token is never read back into the dialog; leaving the field empty keeps it.
        token.setMessage(hasToken ? "stored; type to replace" : "none");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(token);
        tls.addListener(SWT.Selection, event -> {
            enableFiles();
            changed.run();
        });
        enableFiles();
    }

    public Button tlsCheckbox() {
        return tls;
    }

    public Text caField() {
        return caFile;
    }

    public Text certField() {
        return certFile;
    }

    public Text keyField() {
        return keyFile;
    }

    public Text tokenField() {
        return token;
    }

    /** The settings entered; paths are kept only while TLS is on, so plaintext targets carry none. */
    TargetSecurity security() {
        return tls.getSelection()
                ? new TargetSecurity(true, caFile.getText(), certFile.getText(), keyFile.getText())
                : TargetSecurity.PLAINTEXT;
    }

    String token() {
        return token.getText().strip();
    }

    private void enableFiles() {
        for (Text file : List.of(caFile, certFile, keyFile)) {
            file.getParent().setEnabled(tls.getSelection());
        }
    }

    /** A text field and a Browse button, sharing the grid's second column. */
    private static Text fileField(Composite grid, String label, String initial, Runnable changed) {
        new Label(grid, SWT.NONE).setText(label);
        Composite row = new Composite(grid, SWT.NONE);
        org.eclipse.jface.layout.GridLayoutFactory.fillDefaults().numColumns(2).applyTo(row);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(row);
        Text text = new Text(row, SWT.BORDER);
        text.setText(initial);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
        text.addModifyListener(event -> changed.run());
        Button browse = new Button(row, SWT.PUSH);
        browse.setText("Browse...");
        browse.addListener(SWT.Selection, event -> {
            FileDialog files = new FileDialog(grid.getShell(), SWT.OPEN);
            files.setFilterExtensions(new String[] {"*.pem;*.crt;*.key", "*"});
            String chosen = files.open();
            if (chosen != null) {
                text.setText(chosen);
            }
        });
        return text;
    }
}
