package io.pvscope.ui.internal.views;

import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.views.properties.PropertyDescriptor;

import io.pvscope.core.BusNode;

/** A device tree node's details, read-only, in the order the core gave them. */
final class BusNodeProperties implements IPropertySource {

    private final BusNode node;

    BusNodeProperties(BusNode node) {
        this.node = node;
    }

    @Override
    public Object getEditableValue() {
        return null;
    }

    @Override
    public IPropertyDescriptor[] getPropertyDescriptors() {
        return node.properties().keySet().stream()
                .map(key -> new PropertyDescriptor(key, key))
                .toArray(IPropertyDescriptor[]::new);
    }

    @Override
    public Object getPropertyValue(Object id) {
        return node.properties().get(id);
    }

    @Override
    public boolean isPropertySet(Object id) {
        return false;
    }

    @Override
    public void resetPropertyValue(Object id) {
        // Read-only.
    }

    @Override
    public void setPropertyValue(Object id, Object value) {
        // Read-only.
    }
}
