package io.pvscope.ui.internal.views;

import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.PropertyDescriptor;

import io.pvscope.core.BusNode;

/** A device tree node's details, read-only, in the order the core gave them. */
final class BusNodeProperties extends ReadOnlyPropertySource {

    private final BusNode node;

    BusNodeProperties(BusNode node) {
        this.node = node;
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
}
