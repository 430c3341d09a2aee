package io.pvscope.ui.internal.views;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.PropertyDescriptor;

import io.pvscope.core.AgentProperties;
import io.pvscope.core.GuestProperties;
import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.TargetSecurity;

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
        connection.agentProperties().ifPresent(this::addAgent);
        connection.guest().ifPresent(this::addGuest);
    }

    /** What the agent's detection says about the guest it runs in. */
    private void addGuest(GuestProperties guest) {
        String machine = String.join(" ", guest.vendor(), guest.product(), guest.version()).trim();
        add(GUEST, "Platform", machine.isEmpty() ? "(not named by the firmware)" : machine);
        if (!guest.cloud().isEmpty()) {
            add(GUEST, "Cloud", guest.cloud() + (guest.metal() ? ", bare metal"
                    : guest.smbiosVmBit() ? ", a virtual machine" : ""));
        }
        guest.confidential().ifPresent(found -> add(GUEST, "Confidential computing", confidential(found)));
    }

    private static String confidential(GuestProperties.Confidential confidential) {
        String technology = confidential.technology();
        return switch (technology) {
            case "", "none" -> "no";
            case "unknown" -> "unknown: SEV is offered, whether it is active could not be read";
            default -> technology + (confidential.paravisor() ? ", behind a Hyper-V paravisor" : "")
                    + "; values from the host's stores are untrusted input";
        };
    }

    private void addAgent(AgentProperties info) {
        add(AGENT, "Version", info.version());
        add(AGENT, "Host", info.host());
        add(AGENT, "Operating system", (info.osName() + " " + info.osVersion()).trim());
        add(AGENT, "Architecture", info.arch());
        info.started().ifPresent(started -> add(AGENT, "Started",
                Instant.ofEpochSecond(started.getEpochSecond()).toString()));
        add(AGENT, "Root", info.root());
        add(AGENT, "Your identity", info.callerIdentity().isEmpty() ? "(none)" : info.callerIdentity());
        add(AGENT, "Your access", info.readOnly() ? "read-only"
                : "may write under " + String.join(", ", info.allowedWritePrefixes()));
        info.limits().ifPresent(limits -> add(AGENT, "Limits", limits(limits)));
        for (AgentProperties.Backend backend : info.backends()) {
            String name = backend.unit() < 0 ? backend.store() + " (no unit)"
                    : "unit " + backend.unit() + ": " + backend.store();
            add(STORES, name, backendStatus(backend));
        }
    }

    private static String backendStatus(AgentProperties.Backend backend) {
        String state = backend.available() ? "available" : "unavailable";
        if (backend.simulated()) {
            state += ", simulated";
        }
        return backend.reason().isEmpty() ? state : state + ": " + backend.reason();
    }

    private static String security(TargetSecurity security) {
        if (!security.tls()) {
            return "plaintext";
        }
        return security.certFile().isEmpty() ? "TLS" : "TLS with a client certificate";
    }

    private static String limits(AgentProperties.Limits limits) {
        List<String> parts = new ArrayList<>();
        parts.add("key " + limits.maxKeyBytes() + " B");
        parts.add("value " + limits.maxValueBytes() + " B");
        parts.add("message " + limits.maxMessageBytes() + " B");
        parts.add(limits.maxConcurrentStreams() + " streams");
        limits.backendDeadline().ifPresent(deadline -> parts.add("store calls " + deadline.toMillis() + " ms"));
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
