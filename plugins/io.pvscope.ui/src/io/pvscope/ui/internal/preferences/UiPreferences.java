package io.pvscope.ui.internal.preferences;

import java.time.Duration;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.preference.PreferenceConverter;
import org.eclipse.jface.resource.StringConverter;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.ui.preferences.ScopedPreferenceStore;

import io.pvscope.core.PvScopeCore;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.TargetManager;
import io.pvscope.ui.PvScopeUi;

/** The PvScope preferences: their keys, defaults and typed readers. */
public final class UiPreferences {

    public static final String POLL_INTERVAL_MS = "pollIntervalMillis";
    public static final String FADE_MS = "fadeMillis";
    public static final String RPC_TIMEOUT_S = "rpcTimeoutSeconds";
    public static final String MAX_MESSAGE_KIB = "maxMessageKiB";
    public static final String CHANGED_COLOR = "changedColor";
    public static final String DELETED_COLOR = "deletedColor";

    static final int DEFAULT_POLL_INTERVAL_MS = 1000;
    static final int DEFAULT_FADE_MS = 3000;
    static final int DEFAULT_RPC_TIMEOUT_S = 10;
    static final int DEFAULT_MAX_MESSAGE_KIB = TargetConnection.DEFAULT_MAX_MESSAGE_BYTES / 1024;
    static final int MESSAGE_KIB_FLOOR = TargetManager.MIN_MESSAGE_BYTES / 1024;
    /** 256 MiB: more than any store's page of keys, and still far from what the IDE's heap can take. */
    static final int MESSAGE_KIB_CEILING = 256 * 1024;
    /**
     * The debug platform's background for changed values (IDebugUIConstants.PREF_CHANGED_VALUE_BACKGROUND);
     * its text colour for them, org.eclipse.debug.ui.changedDebugElement, is red and meant for text.
     */
    public static final String DEBUG_CHANGED_COLOR = "org.eclipse.debug.ui.PREF_CHANGED_VALUE_BACKGROUND";
    static final String DEBUG_UI_BUNDLE = "org.eclipse.debug.ui";
    /** The yellow the Eclipse debugger uses for changed values by default, for IDEs without its debug UI. */
    static final RGB DEFAULT_CHANGED = new RGB(255, 255, 0);
    static final RGB DEFAULT_DELETED = new RGB(255, 190, 190);

    private static ScopedPreferenceStore store;

    private UiPreferences() {
    }

    public static synchronized IPreferenceStore store() {
        if (store == null) {
            store = new ScopedPreferenceStore(InstanceScope.INSTANCE, PvScopeUi.BUNDLE_ID);
            initializeDefaults(store);
            store.addPropertyChangeListener(event -> {
                if (RPC_TIMEOUT_S.equals(event.getProperty()) || MAX_MESSAGE_KIB.equals(event.getProperty())) {
                    applyCallLimits();
                }
            });
        }
        return store;
    }

    static void initializeDefaults(IPreferenceStore preferences) {
        preferences.setDefault(POLL_INTERVAL_MS, DEFAULT_POLL_INTERVAL_MS);
        preferences.setDefault(FADE_MS, DEFAULT_FADE_MS);
        preferences.setDefault(RPC_TIMEOUT_S, DEFAULT_RPC_TIMEOUT_S);
        preferences.setDefault(MAX_MESSAGE_KIB, DEFAULT_MAX_MESSAGE_KIB);
        PreferenceConverter.setDefault(preferences, CHANGED_COLOR, debugChangedColor());
        PreferenceConverter.setDefault(preferences, DELETED_COLOR, DEFAULT_DELETED);
    }

    /**
     * The debug platform's changed-value background, as the user set it or its default, read as a plain
     * preference so that PvScope needs no debug UI; the yellow default without one.
     */
    public static RGB debugChangedColor() {
        // Reading through the service runs org.eclipse.debug.ui's preference initializer for its defaults.
        String value = Platform.getPreferencesService().getString(DEBUG_UI_BUNDLE, DEBUG_CHANGED_COLOR, null, null);
        RGB rgb = value == null ? null : StringConverter.asRGB(value, null);
        return rgb != null ? rgb : DEFAULT_CHANGED;
    }

    /** Tells the core the call timeout and message size limit the user chose. */
    public static void applyCallLimits() {
        PvScopeCore.targets().setCallTimeout(Duration.ofSeconds(Math.max(1, store().getInt(RPC_TIMEOUT_S))));
        int kib = Math.min(MESSAGE_KIB_CEILING, Math.max(MESSAGE_KIB_FLOOR, store().getInt(MAX_MESSAGE_KIB)));
        PvScopeCore.targets().setMaxMessageBytes(kib * 1024);
    }

    public static Duration pollInterval() {
        return Duration.ofMillis(Math.max(100, store().getInt(POLL_INTERVAL_MS)));
    }

    public static Duration fade() {
        return Duration.ofMillis(Math.max(0, store().getInt(FADE_MS)));
    }

    public static RGB changedColor() {
        return PreferenceConverter.getColor(store(), CHANGED_COLOR);
    }

    public static RGB deletedColor() {
        return PreferenceConverter.getColor(store(), DELETED_COLOR);
    }
}
