package io.pvscope.ui.internal.views;

import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.ui.views.properties.IPropertySource;

import io.pvscope.core.BusNode;
import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;
import io.pvscope.core.kv.KeyNode;

/** Lets the Properties view show a device tree node's details, a key's, and a target's agent and stores. */
public final class PropertiesAdapterFactory implements IAdapterFactory {

    @Override
    public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
        if (adapterType != IPropertySource.class) {
            return null;
        }
        if (adaptable instanceof BusNode node) {
            return adapterType.cast(new BusNodeProperties(node));
        }
        if (adaptable instanceof KeyNode node) {
            return adapterType.cast(new KeyNodeProperties(node));
        }
        if (adaptable instanceof Target target) {
            return adapterType.cast(new TargetProperties(PvScopeCore.targets().connection(target)));
        }
        return null;
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] { IPropertySource.class };
    }
}
