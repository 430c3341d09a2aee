package io.pvscope.ui.internal.preferences;

import org.eclipse.jface.preference.ColorFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;

/** Window → Preferences → PvScope: polling, highlighting and call limits. */
public final class PvScopePreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public PvScopePreferencePage() {
        super(GRID);
        setDescription("How PvScope talks to agents and shows changes.");
    }

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(UiPreferences.store());
    }

    @Override
    protected void createFieldEditors() {
        IntegerFieldEditor poll = new IntegerFieldEditor(UiPreferences.POLL_INTERVAL_MS,
                "&Poll interval for stores without watches (ms):", getFieldEditorParent());
        poll.setValidRange(100, 3_600_000);
        addField(poll);
        IntegerFieldEditor fade = new IntegerFieldEditor(UiPreferences.FADE_MS,
                "&Fade changed values over (ms):", getFieldEditorParent());
        fade.setValidRange(0, 60_000);
        addField(fade);
        IntegerFieldEditor timeout = new IntegerFieldEditor(UiPreferences.RPC_TIMEOUT_S,
                "&Timeout of each call to an agent (s):", getFieldEditorParent());
        timeout.setValidRange(1, 600);
        addField(timeout);
        IntegerFieldEditor messages = new IntegerFieldEditor(UiPreferences.MAX_MESSAGE_KIB,
                "&Largest message accepted from an agent (KiB):", getFieldEditorParent());
        messages.setValidRange(UiPreferences.MESSAGE_KIB_FLOOR, UiPreferences.MESSAGE_KIB_CEILING);
        addField(messages);
        addField(new ColorFieldEditor(UiPreferences.CHANGED_COLOR, "&Changed value colour:",
                getFieldEditorParent()));
        addField(new ColorFieldEditor(UiPreferences.DELETED_COLOR, "&Deleted key colour:",
                getFieldEditorParent()));
    }
}
