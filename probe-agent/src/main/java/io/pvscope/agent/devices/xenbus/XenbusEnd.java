package io.pvscope.agent.devices.xenbus;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One end of a XenBus device as the store holds it: its directory and the nodes in it.
 *
 * @param path   the end's directory, absolute (/local/domain/7/device/vif/0)
 * @param nodes  the values of the nodes directly in it (state, backend, ring-ref...); subdirectories such as
 *               queue-0 appear as "queue-0/tx-ring-ref"
 * @param error  empty when the directory was read; otherwise why not ("ENOENT: ...", "EACCES: ...")
 */
public record XenbusEnd(String path, Map<String, String> nodes, Optional<String> error) {

    public XenbusEnd {
        nodes = Map.copyOf(nodes);
    }

    public static XenbusEnd unreadable(String path, String why) {
        return new XenbusEnd(path, Map.of(), Optional.of(why));
    }

    public boolean present() {
        return error.isEmpty();
    }

    /** The state node as a number; empty when it is absent or not a number. */
    public OptionalInt state() {
        return number("state");
    }

    public Optional<String> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    public OptionalInt number(String name) {
        String text = nodes.get(name);
        if (text == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
