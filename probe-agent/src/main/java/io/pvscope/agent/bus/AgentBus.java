package io.pvscope.agent.bus;

import io.pvscope.agent.detect.DetectedUnit;
import io.pvscope.agent.detect.DetectionReport;
import io.pvscope.agent.detect.Evidence;
import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.kv.StoreInfo;
import io.pvscope.agent.kv.StoreStatus;
import io.pvscope.agent.tree.DeviceNode;
import io.pvscope.agent.tree.GuestSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bus as the agent serves it: the detected units, each with the store of its hypervisor when one is
 * configured, then one unit per store whose hypervisor was not detected (named after that hypervisor, or
 * "sim" for the simulated store). Unit numbers are what /dev/pvbusN would be.
 */
public final class AgentBus implements AutoCloseable {

    private final Detection detection;
    private final List<KvStore> stores;
    private final List<StoreStatus> statuses;
    private volatile BoundView lastBound;

    public AgentBus(Detection detection, List<KvStore> stores) {
        this(detection, stores, List.of());
    }

    /** With the status of backends that were looked for and not attached, for GetAgentInfo. */
    public AgentBus(Detection detection, List<KvStore> stores, List<StoreStatus> unavailable) {
        this.detection = detection;
        this.stores = List.copyOf(stores);
        this.statuses = List.copyOf(unavailable);
    }

    /** Backends looked for and not attached, and why. */
    public List<StoreStatus> unavailable() {
        return statuses.stream().filter(status -> !status.available()).toList();
    }

    public Detection detection() {
        return detection;
    }

    public List<KvStore> stores() {
        return stores;
    }

    /** The bus for the latest detection; bound once per detection, since every RPC asks for it. */
    public View current() {
        return bound(detection.current());
    }

    /** Whether {@link #current} answers at once: the first detection is done. */
    public boolean detected() {
        return detection.hasDetected();
    }

    /**
     * Starts the first detection in a thread of its own, so that it runs beside whatever the caller does next
     * (the agent: setting up and binding its server); {@link #current} waits for it. A detection that fails
     * here is run again by the next {@link #current}, which reports the failure to its caller.
     */
    public void detectAhead() {
        Thread thread = new Thread(() -> {
            try {
                current();
            } catch (RuntimeException e) {
                // Asked again by the next current().
            }
        }, "pvscope-detection");
        thread.setDaemon(true);
        thread.start();
    }

    public View refresh() {
        return bound(detection.refresh());
    }

    private View bound(GuestSnapshot snapshot) {
        BoundView cached = lastBound;
        if (cached != null && cached.snapshot() == snapshot) {
            return cached.view();
        }
        View view = bind(snapshot);
        lastBound = new BoundView(snapshot, view);
        return view;
    }

    private record BoundView(GuestSnapshot snapshot, View view) {
    }

    private View bind(GuestSnapshot snapshot) {
        DetectionReport report = snapshot.report();
        List<BusUnit> units = new ArrayList<>();
        List<KvStore> unbound = new ArrayList<>(stores);
        for (DetectedUnit unit : report.units()) {
            Optional<KvStore> store = unbound.stream()
                    .filter(s -> s.info().unitType().equals(unit.name())).findFirst();
            store.ifPresent(unbound::remove);
            units.add(new BusUnit(unit, store));
        }
        for (KvStore store : unbound) {
            StoreInfo info = store.info();
            String foundBy = info.simulated() ? "simulated" : "config";
            String seen = info.simulated() ? "the simulated store (no hypervisor store is attached)"
                    : "configured " + info.kind() + " store; no " + info.unitType() + " interface was detected";
            DetectedUnit added = new DetectedUnit(units.size(), info.unitType(), "", 0, 0, 0, Optional.empty(),
                    foundBy, List.of(Evidence.of(foundBy, info.location(), seen)));
            units.add(new BusUnit(added, Optional.of(store)));
        }
        return new View(report, units, withStoreUnits(snapshot.tree(), units));
    }

    /** Adds the nodes of units that exist only because a store was configured. */
    private static DeviceNode withStoreUnits(DeviceNode mainbus, List<BusUnit> units) {
        List<DeviceNode> added = new ArrayList<>();
        for (BusUnit unit : units) {
            String foundBy = unit.unit().foundBy();
            if (foundBy.equals("simulated") || foundBy.equals("config")) {
                StoreInfo info = unit.store().orElseThrow().info();
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("device", "/dev/pvbus" + unit.number());
                attributes.put("store", info.kind());
                attributes.put("location", info.location());
                attributes.put("simulated", String.valueOf(info.simulated()));
                added.add(new DeviceNode(unit.type(), info.kind(), unit.number(), info.location(), attributes,
                        List.of()));
            }
        }
        if (added.isEmpty()) {
            return mainbus;
        }
        List<DeviceNode> pvbusChildren = new ArrayList<>();
        mainbus.children().stream().filter(n -> n.name().equals("pvbus0"))
                .findFirst().ifPresent(pvbus -> pvbusChildren.addAll(pvbus.children()));
        pvbusChildren.addAll(added);
        Map<String, String> pvbusAttributes = new LinkedHashMap<>();
        pvbusAttributes.put("units", String.valueOf(units.size()));
        DeviceNode pvbus = new DeviceNode("pvbus0", "pvbus", -1, "cpuid", pvbusAttributes, pvbusChildren);
        List<DeviceNode> mainbusChildren = new ArrayList<>(mainbus.children().stream()
                .filter(n -> !n.name().equals("pvbus0")).toList());
        mainbusChildren.add(0, pvbus);
        return new DeviceNode(mainbus.name(), mainbus.driver(), mainbus.unit(), mainbus.source(),
                mainbus.attributes(), mainbusChildren);
    }

    @Override
    public void close() {
        stores.forEach(KvStore::close);
    }

    /** One consistent picture of the bus. */
    public record View(DetectionReport report, List<BusUnit> units, DeviceNode tree) {

        public View {
            units = List.copyOf(units);
        }

        /** The unit, or ENXIO as opening /dev/pvbusN past the last unit gives. */
        public BusUnit unit(int number) throws StoreException {
            if (number < 0 || number >= units.size()) {
                throw new StoreException(Errno.ENXIO, "no unit " + number + " (/dev/pvbus" + number
                        + "): this guest has " + units.size());
            }
            return units.get(number);
        }

        /** The unit's store, or ENXIO as pvbus gives for a hypervisor without a key/value driver. */
        public KvStore store(int number) throws StoreException {
            BusUnit unit = unit(number);
            return unit.store().orElseThrow(() -> new StoreException(Errno.ENXIO, "unit " + number + " ("
                    + unit.type() + ") has no key/value store"));
        }
    }
}
