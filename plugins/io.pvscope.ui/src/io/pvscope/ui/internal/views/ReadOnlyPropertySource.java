package io.pvscope.ui.internal.views;

import org.eclipse.ui.views.properties.IPropertySource;

/** What the Properties view shows and the user cannot change: only descriptors and values are left to say. */
abstract class ReadOnlyPropertySource implements IPropertySource {

    @Override
    public final Object getEditableValue() {
        return null;
    }

    @Override
    public final boolean isPropertySet(Object id) {
        return false;
    }

    @Override
    public final void resetPropertyValue(Object id) {
        // Read-only.
    }

    @Override
    public final void setPropertyValue(Object id, Object value) {
        // Read-only.
    }
}
