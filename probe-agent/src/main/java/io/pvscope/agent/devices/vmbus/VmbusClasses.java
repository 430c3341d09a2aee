package io.pvscope.agent.devices.vmbus;

import java.util.Locale;
import java.util.Map;

/**
 * VMBus device classes by their class GUID, as Linux prints them in {@code class_id} (lowercase, with
 * braces): the synthetic devices and integration services Linux knows (include/linux/hyperv.h), and those it
 * knows but does not drive.
 */
public final class VmbusClasses {

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("{32412632-86cb-44a2-9b5c-50d1417354f5}", "synthetic IDE controller"),
            Map.entry("{ba6163d9-04a1-4d29-b605-72e2ffb1dc7f}", "synthetic SCSI controller"),
            Map.entry("{2f9bcc4a-0069-4af3-b76b-6fd0be528cda}", "synthetic Fibre Channel adapter"),
            Map.entry("{f8615163-df3e-46c5-913f-f2d2f965ed0e}", "synthetic network adapter"),
            Map.entry("{8c2eaf3d-32a7-4b09-ab99-bd1f1c86b501}", "Network Direct (RDMA)"),
            Map.entry("{44c4f61d-4444-4400-9d52-802e27ede19f}", "PCI Express pass-through"),
            Map.entry("{da0a7802-e377-4aac-8e77-0558eb1073f8}", "synthetic video"),
            Map.entry("{f912ad6d-2b17-48ea-bd65-f927a61c7684}", "synthetic keyboard"),
            Map.entry("{cfa8b69e-5b4a-4cc0-b98b-8ba1a1f3f95a}", "synthetic mouse"),
            Map.entry("{a9a0f4e7-5a45-4d96-b827-8a841e8c03e6}", "key/value pair exchange (KVP)"),
            Map.entry("{9527e630-d0ae-497b-adce-e80ab0175caf}", "time synchronization"),
            Map.entry("{57164f39-9115-4e78-ab55-382f3bd5422d}", "heartbeat"),
            Map.entry("{0e0b6031-5213-4934-818b-38d90ced39db}", "shutdown"),
            Map.entry("{34d14be3-dee4-41c8-9ae7-6b174977c192}", "guest file copy"),
            Map.entry("{35fa2e29-ea23-4236-96ae-3a6ebacba440}", "volume shadow copy (VSS) backup"),
            Map.entry("{525074dc-8985-46e2-8057-a307dc18a502}", "dynamic memory"),
            Map.entry("{f8e65716-3cb3-4a06-9a60-1889c5cccab5}", "automatic virtual machine activation"),
            Map.entry("{3375baf4-9e15-4b30-b765-67acb10d607b}", "automatic virtual machine activation"),
            Map.entry("{276aacf4-ac15-426c-98dd-7521ad3f01fe}", "remote desktop virtualization"),
            Map.entry("{c376c1c3-d276-48d2-90a9-c04748072c60}", "initial machine configuration"));

    private VmbusClasses() {
    }

    /** The class's name, or "unknown class" for a GUID not listed here (hv_sock channels among them). */
    public static String name(String classId) {
        String key = classId.strip().toLowerCase(Locale.ROOT);
        if (!key.startsWith("{")) {
            key = "{" + key + "}";
        }
        return NAMES.getOrDefault(key, "unknown class");
    }
}
