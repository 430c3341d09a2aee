package io.pvscope.core;

import org.eclipse.core.runtime.preferences.InstanceScope;

import io.pvscope.core.internal.TargetStore;

/** Entry point for the workbench: the one {@link TargetManager}, kept in this bundle's instance
 * preferences, with the tokens in secure storage. */
public final class PvScopeCore {

    public static final String BUNDLE_ID = "io.pvscope.core";

    private PvScopeCore() {
    }

    public static TargetManager targets() {
        return Holder.MANAGER;
    }

    /** Created on first use: the instance location must be set by then, which it is once the workbench runs. */
    private static final class Holder {
        static final TargetManager MANAGER =
                new TargetManager(new TargetStore(InstanceScope.INSTANCE.getNode(BUNDLE_ID)),
                        SecureStorageSecrets.ofDefault());
    }
}
