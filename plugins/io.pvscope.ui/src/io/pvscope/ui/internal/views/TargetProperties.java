package io.pvscope.ui.internal.views;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.PropertyDescriptor;

import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.TargetSecurity;
import io.pvscope.proto.v1.AgentInfo;
import io.pvscope.proto.v1.BackendStatus;
import io.pvscope.proto.v1.Confidential;
import io.pvscope.proto.v1.Limits;
import io.pvscope.proto.v1.ListUnitsResponse;
import io.pvscope.proto.v1.Platform;

/**
 * A target as the Properties view shows it: how it is reached, what its agent said about itself when it was
 * selected, each of the agent's stores with why it is unavailable, and what its detection says about the
 * guest (platform, confidential computing) once its units were read. Read-only.
 */
final class TargetProperties extends ReadOnlyPropertySource {

    private static final String TARGET = "Target";
    private static final String AGENT = "Agent";
    private static final String STORES = "Stores";
    private static final String GUEST = "Guest";

    /** Property id → descriptor and value, in the order shown. */
    private final Map<String, Row> rows = new LinkedHashMap<>();

    TargetProperties(TargetConnection connection) {
        Target target = connection.target();
        add(TARGET, "Name", target.name());
        add(TARGET, "Address", target.address());
        add(TARGET, "Security", security(target.security()));
        add(TARGET, "Status", TargetLabels.status(connection));
        add(TARGET, "Latency", TargetLabels.latency(connection));
        connection.agentInfo().ifPresent(this::addAgent);
        connection.units().ifPresent(this::addGuest);
    }

    /** What the agent's detection says about the guest it runs in. */
    private void addGuest(ListUnitsResponse units) {
        Platform platform = units.getPlatform();
        String machine = String.join(" ", platform.getVendor(), platform.getProduct(), platform.getVersion()).trim();
        add(GUEST, "Platform", machine.isEmpty() ? "(not named by the firmware)" : machine);
        if (!platform.getCloud().isEmpty()) {
            boolean vm = platform.getSmbiosVmBit() == Platform.SmbiosVmBit.SMBIOS_VM_BIT_SET;
            add(GUEST, "Cloud", platform.getCloud() + (platform.getMetal() ? ", bare metal"
                    : vm ? ", a virtual machine" : ""));
        }
        if (units.hasConfidential()) {
            add(GUEST, "Confidential computing", confidential(units.getConfidential()));
        }
    }

    private static String confidential(Confidential confidential) {
        String technology = confidential.getTechnology();
        return switch (technology) {
            case "", "none" -> "no";
            case "unknown" -> "unknown: SEV is offered, whether it is active could not be read";
            default -> technology + (confidential.getParavisor() ? ", behind a Hyper-V paravisor" : "")
                    + "; values from the host's stores are untrusted input";
        };
    }

    private void addAgent(AgentInfo info) {
        add(AGENT, "Version", info.getAgentVersion());
        add(AGENT, "Host", info.getHostName());
        add(AGENT, "Operating system", (info.getOsName() + " " + info.getOsVersion()).trim());
        add(AGENT, "Architecture", info.getArch());
        if (info.hasStarted()) {
            add(AGENT, "Started", Instant.ofEpochSecond(info.getStarted().getSeconds()).toString());
        }
        add(AGENT, "Root", info.getRoot());
        add(AGENT, "Your identity", info.getCallerIdentity().isEmpty() ? "(none)" : info.getCallerIdentity());
        add(AGENT, "Your access", info.getReadOnly() ? "read-only"
                : "may write under " + String.join(", ", info.getAllowedWritePrefixesList()));
        if (info.hasLimits()) {
            add(AGENT, "Limits", limits(info.getLimits()));
        }
        for (BackendStatus backend : info.getBackendsList()) {
            String name = backend.getUnit() < 0 ? backend.getStore() + " (no unit)"
                    : "unit " + backend.getUnit() + ": " + backend.getStore();
            add(STORES, name, backendStatus(backend));
        }
    }

    private static String backendStatus(BackendStatus backend) {
        String state = backend.getAvailable() ? "available" : "unavailable";
        if (backend.getSimulated()) {
            state += ", simulated";
        }
        return backend.getReason().isEmpty() ? state : state + ": " + backend.getReason();
    }

    private static String security(TargetSecurity security) {
        if (!security.tls()) {
            return "plaintext";
        }
        return security.certFile().isEmpty() ? "TLS" : "TLS with a client certificate";
    }

    private static String limits(Limits limits) {
        List<String> parts = new ArrayList<>();
        parts.add("key " + limits.getMaxKeyBytes() + " B");
        parts.add("value " + limits.getMaxValueBytes() + " B");
        parts.add("message " + limits.getMaxMessageBytes() + " B");
        parts.add(limits.getMaxConcurrentStreams() + " streams");
        if (limits.hasBackendDeadline()) {
            Duration deadline = Duration.ofSeconds(limits.getBackendDeadline().getSeconds(),
                    limits.getBackendDeadline().getNanos());
            parts.add("store calls " + deadline.toMillis() + " ms");
        }
        return String.join(", ", parts);
    }

    private void add(String category, String name, String value) {
        String id = category + "/" + name;
        PropertyDescriptor descriptor = new PropertyDescriptor(id, name);
        descriptor.setCategory(category);
        rows.put(id, new Row(descriptor, value));
    }

    @Override
    public IPropertyDescriptor[] getPropertyDescriptors() {
        return rows.values().stream().map(Row::descriptor).toArray(IPropertyDescriptor[]::new);
    }

    @Override
    public Object getPropertyValue(Object id) {
        Row row = rows.get(id);
        return row == null ? null : row.value();
    }

    private record Row(PropertyDescriptor descriptor, String value) {
    }
}
