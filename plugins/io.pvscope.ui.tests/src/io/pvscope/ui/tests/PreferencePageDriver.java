package io.pvscope.ui.tests;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.preference.ColorFieldEditor;
import org.eclipse.jface.preference.FieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.PreferencesUtil;

/**
 * One preference page in the workbench's real Preferences dialog, driven as a user would: typing into its
 * fields and pressing its buttons (found by their JFace labels). Colours are set on the page's own colour
 * selectors, since their buttons open the platform's native colour dialog, which a test cannot drive.
 */
final class PreferencePageDriver implements AutoCloseable {

    private final PreferenceDialog dialog;
    private final FieldEditorPreferencePage page;

    private PreferencePageDriver(PreferenceDialog dialog) {
        this.dialog = dialog;
        this.page = (FieldEditorPreferencePage) dialog.getSelectedPage();
    }

    /** Opens Window > Preferences on {@code pageId}, without blocking the test. */
    static PreferencePageDriver open(Shell parent, String pageId) {
        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(parent, pageId, new String[] { pageId }, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        return new PreferencePageDriver(dialog);
    }

    FieldEditorPreferencePage page() {
        return page;
    }

    /** Types {@code text} into the field of preference {@code name}, replacing what it held. */
    void type(String name, String text) {
        Text field = ((StringFieldEditor) field(name)).getTextControl(fieldParent());
        field.setFocus();
        field.setText(text);
        field.notifyListeners(SWT.KeyUp, new Event());
    }

    String text(String name) {
        return ((StringFieldEditor) field(name)).getStringValue();
    }

    void chooseColour(String name, RGB colour) {
        ((ColorFieldEditor) field(name)).getColorSelector().setColorValue(colour);
    }

    RGB colour(String name) {
        return ((ColorFieldEditor) field(name)).getColorSelector().getColorValue();
    }

    void apply() {
        press(button(JFaceResources.getString("apply")));
    }

    void restoreDefaults() {
        press(button(JFaceResources.getString("defaults")));
    }

    /** "Apply and Close". */
    void applyAndClose() {
        press(okButton());
    }

    Button applyButton() {
        return button(JFaceResources.getString("apply"));
    }

    Button okButton() {
        return button(JFaceResources.getString("PreferencesDialog.okButtonLabel"));
    }

    boolean isOpen() {
        return dialog.getShell() != null && !dialog.getShell().isDisposed();
    }

    private FieldEditor field(String name) {
        for (FieldEditor editor : fields()) {
            if (editor.getPreferenceName().equals(name)) {
                return editor;
            }
        }
        throw new IllegalArgumentException("the page has no field for " + name);
    }

    @SuppressWarnings("unchecked")
    private List<FieldEditor> fields() {
        return (List<FieldEditor>) pageField("fields");
    }

    /** The composite the editors' widgets live in, which their accessors insist on. */
    private Composite fieldParent() {
        return (Composite) pageField("fieldEditorParent");
    }

    /** The page keeps its editors and their parent private and offers no accessor. */
    private Object pageField(String name) {
        try {
            Field field = FieldEditorPreferencePage.class.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(page);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the page's " + name, e);
        }
    }

    private Button button(String label) {
        List<String> seen = new ArrayList<>();
        Button found = find(dialog.getShell(), label, seen);
        if (found == null) {
            throw new IllegalStateException("no button \"" + label + "\" in the dialog; buttons: " + seen);
        }
        return found;
    }

    private static Button find(Control control, String label, List<String> seen) {
        if (control instanceof Button button && (button.getStyle() & SWT.PUSH) != 0) {
            seen.add(button.getText());
            if (button.getText().equals(label)) {
                return button;
            }
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                Button found = find(child, label, seen);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static void press(Button button) {
        if (!button.isEnabled()) {
            throw new IllegalStateException("\"" + button.getText() + "\" is disabled");
        }
        button.notifyListeners(SWT.Selection, new Event());
    }

    @Override
    public void close() {
        if (isOpen()) {
            dialog.close();
        }
    }
}
