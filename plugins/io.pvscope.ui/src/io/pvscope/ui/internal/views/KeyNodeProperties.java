package io.pvscope.ui.internal.views;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.PropertyDescriptor;

import io.pvscope.core.DeviceStates;
import io.pvscope.core.PvScopeCore;
import io.pvscope.core.kv.KeyNode;
import io.pvscope.core.kv.XenbusKeys;

/**
 * A key's details; for a key of a XenBus device, the device's decoded state too (states by name, the
 * negotiation table, rings, timeline), as the agent last reported it.
 */
final class KeyNodeProperties extends ReadOnlyPropertySource {

    private final Map<String, String> properties = new LinkedHashMap<>();

    KeyNodeProperties(KeyNode node) {
        properties.put("key", node.key());
        properties.put("value", XenbusKeys.stateLabel(node).orElse(node.valueText()));
        properties.put("access", node.access().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        DeviceStates.xenbusDeviceProperties(node.key(), PvScopeCore.targets().connected())
                .ifPresent(properties::putAll);
    }

    @Override
    public IPropertyDescriptor[] getPropertyDescriptors() {
        return properties.keySet().stream().map(key -> new PropertyDescriptor(key, key))
                .toArray(IPropertyDescriptor[]::new);
    }

    @Override
    public Object getPropertyValue(Object id) {
        return properties.get(id);
    }
}
