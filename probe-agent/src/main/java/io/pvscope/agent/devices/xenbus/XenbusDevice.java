package io.pvscope.agent.devices.xenbus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A XenBus device: its frontend and backend paired through their {@code backend} and {@code frontend}
 * nodes, either of which may be missing or unreadable.
 *
 * @param type     the frontend's type (vif, vbd...), or the backend's when only it is known
 * @param id       the device id under that type (0, 51712...)
 * @param frontend the frontend's end, if known
 * @param backend  the backend's end, if known
 */
public record XenbusDevice(String type, String id, Optional<XenbusEnd> frontend, Optional<XenbusEnd> backend) {

    /** One negotiation row with what each side wrote (empty when it wrote nothing). */
    public record Feature(XenbusNegotiation.Row row, Optional<String> offered, Optional<String> requested) {
    }

    public String typeName() {
        return XenbusTypes.name(type);
    }

    /** A stable key for this device: the frontend's path, or the backend's when there is no frontend. */
    public String key() {
        return frontend.map(XenbusEnd::path).or(() -> backend.map(XenbusEnd::path)).orElse(type + "/" + id);
    }

    /** The states as numbers (-1 where an end or its state is missing), for timelines. */
    public int frontendState() {
        return frontend.filter(XenbusEnd::present).map(end -> end.state().orElse(-1)).orElse(-1);
    }

    public int backendState() {
        return backend.filter(XenbusEnd::present).map(end -> end.state().orElse(-1)).orElse(-1);
    }

    /** The negotiation table for this type, with what each side wrote. */
    public List<Feature> features() {
        List<Feature> features = new ArrayList<>();
        for (XenbusNegotiation.Row row : XenbusNegotiation.rows(type)) {
            Optional<String> offered = row.backendKey().isEmpty() ? Optional.empty()
                    : backend.flatMap(end -> end.node(row.backendKey()));
            Optional<String> requested = row.frontendKey().isEmpty() ? Optional.empty()
                    : frontend.flatMap(end -> end.node(row.frontendKey()));
            features.add(new Feature(row, offered, requested));
        }
        return features;
    }

    /** The ring references and event channels the frontend published, queue subdirectories included. */
    public Map<String, String> rings() {
        Map<String, String> rings = new LinkedHashMap<>();
        frontend.ifPresent(end -> {
            List<String> wanted = XenbusNegotiation.ringNodes(type);
            end.nodes().entrySet().stream()
                    .filter(node -> wanted.contains(leaf(node.getKey())) || leaf(node.getKey()).startsWith("ring-ref"))
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(node -> rings.put(node.getKey(), node.getValue()));
        });
        return rings;
    }

    private static String leaf(String node) {
        return node.substring(node.lastIndexOf('/') + 1);
    }
}
