package io.pvscope.agent.devices.xenbus;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the XenBus devices a XenStore holds, seen from the domain the store connection belongs to: the
 * frontends under {@code device/<type>/<id>} (its own, or every domain's where it may list them, as dom0 may)
 * and, where it is a backend domain (dom0, a driver domain), its backends under
 * {@code backend/<type>/<frontend domid>/<id>}. Each frontend is paired with the backend its
 * {@code backend} node names, each backend with the frontend its {@code frontend} node names; an end that
 * is named but cannot be read is kept with the reason.
 */
public final class XenbusDevices {

    private final KvStore store;

    public XenbusDevices(KvStore store) {
        this.store = store;
    }

    /** Every device found, frontends first (sorted by type and id), then backends whose frontend is elsewhere. */
    public List<XenbusDevice> read() throws StoreException {
        String home = home();
        Map<String, XenbusDevice> byBackend = new LinkedHashMap<>();
        List<XenbusDevice> devices = new ArrayList<>();
        for (String domain : frontendHomes(home)) {
            for (String type : children(domain + "device")) {
                for (String id : children(domain + "device/" + type)) {
                    addFrontend(type, id, end(domain + "device/" + type + "/" + id), devices, byBackend);
                }
            }
        }
        for (String type : children(home + "backend")) {
            for (String domid : children(home + "backend/" + type)) {
                for (String id : children(home + "backend/" + type + "/" + domid)) {
                    String path = home + "backend/" + type + "/" + domid + "/" + id;
                    if (byBackend.containsKey(path)) {
                        continue;
                    }
                    XenbusEnd backend = end(path);
                    Optional<XenbusEnd> frontend = backend.node("frontend").map(String::strip)
                            .filter(front -> !front.isEmpty()).map(this::end);
                    String frontendType = frontend.map(end -> typeOf(end.path())).orElse(type);
                    devices.add(new XenbusDevice(frontendType, id, frontend, Optional.of(backend)));
                }
            }
        }
        return devices;
    }

    private void addFrontend(String type, String id, XenbusEnd frontend, List<XenbusDevice> devices,
            Map<String, XenbusDevice> byBackend) {
        Optional<XenbusEnd> backend = frontend.node("backend").map(String::strip)
                .filter(path -> !path.isEmpty()).map(this::end);
        XenbusDevice device = new XenbusDevice(type, id, Optional.of(frontend), backend);
        devices.add(device);
        backend.ifPresent(end -> byBackend.put(end.path(), device));
    }

    /**
     * Where frontends live: every domain's home when the store lets this connection list them (dom0 may),
     * otherwise only its own (a guest may not list /local/domain).
     */
    private List<String> frontendHomes(String home) throws StoreException {
        if (!home.isEmpty()) {
            List<String> domains = children("/local/domain");
            if (!domains.isEmpty()) {
                return domains.stream().map(domid -> "/local/domain/" + domid + "/").toList();
            }
        }
        return List.of(home);
    }

    /** "/local/domain/N/" when the store says which domain it serves, else "" (paths stay relative). */
    private String home() {
        try {
            String domid = new String(store.read("domid").bytes(), StandardCharsets.UTF_8).strip();
            return domid.matches("\\d+") ? "/local/domain/" + domid + "/" : "";
        } catch (StoreException e) {
            return "";
        }
    }

    private List<String> children(String path) throws StoreException {
        try {
            return store.list(path).stream().sorted(XenbusDevices::naturalOrder).toList();
        } catch (StoreException e) {
            if (e.errno() == Errno.ENOENT || e.errno() == Errno.EACCES) {
                return List.of();
            }
            throw e;
        }
    }

    /** Reads an end's nodes, and one level of subdirectories (queue-0/...); why not, when it cannot. */
    private XenbusEnd end(String path) {
        Map<String, String> nodes = new LinkedHashMap<>();
        try {
            for (String name : store.list(path)) {
                String child = store.child(path, name);
                List<String> below = store.list(child);
                if (below.isEmpty()) {
                    nodes.put(name, text(store.read(child).bytes()));
                } else {
                    for (String leaf : below) {
                        nodes.put(name + "/" + leaf, text(store.read(store.child(child, leaf)).bytes()));
                    }
                }
            }
            return new XenbusEnd(path, nodes, Optional.empty());
        } catch (StoreException e) {
            return XenbusEnd.unreadable(path, e.errno().name() + ": " + e.getMessage());
        }
    }

    /** device/vif/0 → vif. */
    private static String typeOf(String frontendPath) {
        String[] parts = frontendPath.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] : frontendPath;
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** 2 before 10, 768 before 51712. */
    private static int naturalOrder(String a, String b) {
        boolean numbers = a.matches("\\d+") && b.matches("\\d+");
        return numbers && a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
}
