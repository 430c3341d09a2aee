package io.pvscope.core.kv;

import io.pvscope.client.XenbusStates;
import java.util.Optional;

/**
 * What the Key/Value view knows of XenBus keys: a device end's directory holds a {@code backend} node (a
 * frontend) or a {@code frontend} node (a backend) naming the other end, and a {@code state} node whose
 * number xen/include/public/io/xenbus.h names.
 */
public final class XenbusKeys {

    private XenbusKeys() {
    }

    /** "4 (Connected)" for the {@code state} node of a device end; empty for any other key. */
    public static Optional<String> stateLabel(KeyNode node) {
        if (!node.name().equals("state") || node.parent() == null || !isDeviceEnd(node.parent())) {
            return Optional.empty();
        }
        String text = node.valueText().strip();
        if (!text.matches("\\d{1,9}")) {
            return Optional.empty();
        }
        int value = Integer.parseInt(text);
        return Optional.of(XenbusStates.name(value).map(name -> value + " (" + name + ")").orElse(text));
    }

    /**
     * The path of the other end named by the device end {@code node} lies in (its {@code which} node:
     * "backend" from a frontend, "frontend" from a backend); empty when no enclosing directory has one.
     */
    public static Optional<String> otherEnd(KeyNode node, String which) {
        for (KeyNode each = node; each != null; each = each.parent()) {
            for (KeyNode child : each.children()) {
                if (child.name().equals(which) && !child.hasChildren() && !child.isDeleted()) {
                    String path = child.valueText().strip();
                    return path.isEmpty() ? Optional.empty() : Optional.of(path);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isDeviceEnd(KeyNode directory) {
        return directory.children().stream().anyMatch(child -> child.name().equals("backend")
                || child.name().equals("frontend"));
    }
}
