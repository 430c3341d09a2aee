package io.pvscope.agent.kv.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/** The example tree a new simulated store starts with: what a developer would see on real guests. */
final class SimSeed {

    static final Map<String, String> EXAMPLE = example();

    private SimSeed() {
    }

    private static Map<String, String> example() {
        Map<String, String> tree = new LinkedHashMap<>();
        // A Xen HVM domU's home directory, as relative XenStore paths show it.
        tree.put("name", "pvscope-demo");
        tree.put("domid", "7");
        tree.put("vm", "/vm/5f2a9c1e-0d3b-4e8a-9f61-2c7b8d4e1a30");
        tree.put("memory/target", "2097152");
        tree.put("control/shutdown", "");
        tree.put("control/platform-feature-multiprocessor-suspend", "1");
        tree.put("device/vif/0/backend", "/local/domain/0/backend/vif/7/0");
        tree.put("device/vif/0/backend-id", "0");
        tree.put("device/vif/0/mac", "00:16:3e:5a:1c:07");
        tree.put("device/vif/0/handle", "0");
        tree.put("device/vif/0/state", "4");
        tree.put("device/vbd/51712/backend", "/local/domain/0/backend/vbd/7/51712");
        tree.put("device/vbd/51712/backend-id", "0");
        tree.put("device/vbd/51712/virtual-device", "51712");
        tree.put("device/vbd/51712/device-type", "disk");
        tree.put("device/vbd/51712/state", "4");
        tree.put("attr/PVAddons/MajorVersion", "9");
        tree.put("data/updated", "");
        // VMware guestinfo keys, flat as vmt(4) passes them.
        tree.put("guestinfo.hostname", "pvscope-demo.example.org");
        tree.put("guestinfo.ip", "192.0.2.17");
        tree.put("guestinfo.appInfo", "{\"version\":\"1\",\"applications\":[]}");
        // Hyper-V KVP pools, named as OpenBSD's hyperv(4) names them.
        tree.put("Auto/FullyQualifiedDomainName", "pvscope-demo.example.org");
        tree.put("Auto/IntegrationServicesVersion", "6.6.6");
        tree.put("Auto/OSName", "OpenBSD");
        tree.put("Guest/Parameters/VirtualMachineName", "pvscope-demo");
        tree.put("Guest/Parameters/HostName", "hv-host-01.example.org");
        tree.put("External/Environment", "demo");
        return tree;
    }
}
