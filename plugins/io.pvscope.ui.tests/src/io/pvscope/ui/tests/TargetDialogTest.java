package io.pvscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.pvscope.core.Target;
import io.pvscope.core.TargetSecurity;
import io.pvscope.ui.internal.views.SecurityFields;
import io.pvscope.ui.internal.views.TargetDialog;

/** The TLS and token fields of the add/edit dialog, filled in as a user would. */
class TargetDialogTest {

    private TargetDialog dialog;

    @AfterEach
    void close() {
        if (dialog != null && dialog.getShell() != null) {
            dialog.close();
        }
    }

    @Test
    void tlsFilesAndTokenComeBackFromTheDialog() {
        open(null, false);
        SecurityFields fields = dialog.securityFields();
        dialog.addressField().setText("agent.example:7393");
        check(fields.tlsCheckbox(), true);
        fields.caField().setText("ca.pem");
        fields.certField().setText("client.pem");
        fields.keyField().setText("client.key");
        fields.tokenField().setText(" secret-token ");

        assertTrue(pressOk(), "OK closed the dialog");

        assertEquals(new TargetSecurity(true, "ca.pem", "client.pem", "client.key"), dialog.target().security());
        assertEquals(Optional.of("secret-token"), dialog.token());
    }

    @Test
    void aClientCertificateWithoutKeyIsRefused() {
        open(null, false);
        SecurityFields fields = dialog.securityFields();
        check(fields.tlsCheckbox(), true);
        fields.certField().setText("client.pem");

        assertNotNull(dialog.getErrorMessage());
        assertFalse(dialog.getShell().getDefaultButton().isEnabled(), "OK is disabled");
    }

    @Test
    void editingShowsTheSettingsAndAnEmptyTokenKeepsTheStoredOne() {
        Target old = new Target("lab", "10.0.0.3", 7393, TargetSecurity.tls("ca.pem"));
        open(old, true);

        assertTrue(pressOk(), "OK closed the dialog");

        assertEquals(old, dialog.target());
        assertEquals(Optional.empty(), dialog.token());
    }

    @Test
    void turningTlsOffDropsTheFiles() {
        open(new Target("lab", "127.0.0.1", 7393, TargetSecurity.tls("ca.pem")), false);
        check(dialog.securityFields().tlsCheckbox(), false);

        assertTrue(pressOk(), "OK closed the dialog");

        assertEquals(TargetSecurity.PLAINTEXT, dialog.target().security());
        assertNull(dialog.getErrorMessage());
    }

    private void open(Target editing, boolean hasToken) {
        dialog = new TargetDialog(Workbench.window().getShell(), editing, hasToken);
        dialog.setBlockOnOpen(false);
        dialog.open();
    }

    private static void check(Button checkbox, boolean selected) {
        checkbox.setSelection(selected);
        checkbox.notifyListeners(SWT.Selection, new Event());
    }

    /** @return whether the dialog closed, which it does only with a valid target */
    private boolean pressOk() {
        dialog.getShell().getDefaultButton().notifyListeners(SWT.Selection, new Event());
        return dialog.getShell() == null && dialog.getReturnCode() == Window.OK;
    }
}
