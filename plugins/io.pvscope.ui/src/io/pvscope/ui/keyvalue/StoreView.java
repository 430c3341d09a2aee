package io.pvscope.ui.keyvalue;

import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.IViewPart;

import io.pvscope.core.TargetConnection;
import io.pvscope.core.snapshot.StoreSnapshot;

/**
 * The Key/Value view ({@link io.pvscope.ui.PvScopeUi#KEY_VALUE_VIEW_ID}) as other bundles use it: which
 * target it shows and what its store holds. Implemented by the view, not by clients.
 */
public interface StoreView extends IViewPart {

    /** The connection whose store the view follows, or null. */
    TargetConnection connection();

    /** True once the view holds the store's complete snapshot and applies its live changes. */
    boolean storeLoaded();

    /**
     * The store the view shows now, detached from later changes, or null before a snapshot is complete.
     * While the keys are only the last known, the snapshot says so and since when.
     */
    StoreSnapshot snapshot();

    /** The view's main control: disposed once the view is closed; its display runs the view's timers. */
    Control control();
}
