package io.pvscope.ui.internal.views;

import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.ui.views.properties.IPropertySource;

import io.pvscope.core.BusNode;

/** Lets the Properties view show a device tree node's details. */
public final class BusNodeAdapterFactory implements IAdapterFactory {

    @Override
    public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
        if (adaptable instanceof BusNode node && adapterType == IPropertySource.class) {
            return adapterType.cast(new BusNodeProperties(node));
        }
        return null;
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] { IPropertySource.class };
    }
}
