package io.pvscope.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.pvscope.core.AgentProperties;
import io.pvscope.core.GuestProperties;
import io.pvscope.core.UnitDescriptor;
import io.pvscope.core.kv.KeyAccess;
import io.pvscope.core.kv.WatchMode;
import io.pvscope.proto.v1.AgentInfo;
import io.pvscope.proto.v1.BackendStatus;
import io.pvscope.proto.v1.Confidential;
import io.pvscope.proto.v1.KvEntry;
import io.pvscope.proto.v1.Limits;
import io.pvscope.proto.v1.ListUnitsResponse;
import io.pvscope.proto.v1.Platform;
import io.pvscope.proto.v1.Unit;
import io.pvscope.proto.v1.WatchStarted;

/** Turns the agent's messages into the model the views render, so that no view depends on the wire contract. */
public final class ProtoModels {

    private ProtoModels() {
    }

    public static UnitDescriptor unit(Unit unit) {
        return new UnitDescriptor(unit.getUnit(), unit.getName(), unit.getSignature(), unit.getStore());
    }

    public static List<UnitDescriptor> units(ListUnitsResponse units) {
        return units.getUnitsList().stream().map(ProtoModels::unit).toList();
    }

    public static GuestProperties guest(ListUnitsResponse units) {
        Platform platform = units.getPlatform();
        Optional<GuestProperties.Confidential> confidential = units.hasConfidential()
                ? Optional.of(confidential(units.getConfidential()))
                : Optional.empty();
        return new GuestProperties(platform.getVendor(), platform.getProduct(), platform.getVersion(),
                platform.getCloud(), platform.getMetal(),
                platform.getSmbiosVmBit() == Platform.SmbiosVmBit.SMBIOS_VM_BIT_SET, confidential);
    }

    private static GuestProperties.Confidential confidential(Confidential confidential) {
        return new GuestProperties.Confidential(confidential.getTechnology(), confidential.getParavisor());
    }

    /** The agent's answer, or {@link AgentProperties#UNKNOWN} for null. */
    public static AgentProperties agent(AgentInfo info) {
        if (info == null) {
            return AgentProperties.UNKNOWN;
        }
        Optional<Instant> started = info.hasStarted()
                ? Optional.of(Instant.ofEpochSecond(info.getStarted().getSeconds(), info.getStarted().getNanos()))
                : Optional.empty();
        Optional<AgentProperties.Limits> limits = info.hasLimits() ? Optional.of(limits(info.getLimits()))
                : Optional.empty();
        return new AgentProperties(info.getAgentVersion(), info.getHostName(), info.getOsName(),
                info.getOsVersion(), info.getArch(), started, info.getRoot(), info.getCallerIdentity(),
                info.getReadOnly(), info.getAllowedWritePrefixesList(), limits,
                info.getBackendsList().stream().map(ProtoModels::backend).toList());
    }

    private static AgentProperties.Limits limits(Limits limits) {
        Optional<Duration> deadline = limits.hasBackendDeadline()
                ? Optional.of(Duration.ofSeconds(limits.getBackendDeadline().getSeconds(),
                        limits.getBackendDeadline().getNanos()))
                : Optional.empty();
        return new AgentProperties.Limits(limits.getMaxKeyBytes(), limits.getMaxValueBytes(),
                limits.getMaxMessageBytes(), limits.getMaxConcurrentStreams(), deadline);
    }

    private static AgentProperties.Backend backend(BackendStatus backend) {
        return new AgentProperties.Backend(backend.getStore(), backend.getUnit(), backend.getAvailable(),
                backend.getSimulated(), backend.getReason());
    }

    public static WatchMode watchMode(WatchStarted started) {
        boolean polled = started.getMode() == WatchStarted.Mode.POLLED;
        return new WatchMode(polled, polled ? Duration.ofSeconds(started.getPollInterval().getSeconds(),
                started.getPollInterval().getNanos()) : Duration.ZERO);
    }

    public static KeyAccess access(KvEntry.Access access) {
        return switch (access) {
            case READ_ONLY -> KeyAccess.READ_ONLY;
            case READ_WRITE -> KeyAccess.READ_WRITE;
            default -> KeyAccess.ACCESS_UNSPECIFIED;
        };
    }
}
