package io.pvscope.agent.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.pvscope.agent.bus.AgentBus;
import io.pvscope.agent.bus.DeviceSurvey;
import io.pvscope.agent.bus.Detection;
import io.pvscope.agent.fs.SystemRoot;
import io.pvscope.agent.devices.xenbus.XenbusProblems;
import io.pvscope.agent.server.DeviceProtos;
import io.pvscope.client.Silence;
import io.pvscope.proto.v1.Device;
import io.pvscope.proto.v1.DeviceEvent;
import io.pvscope.proto.v1.ListDevicesRequest;
import io.pvscope.proto.v1.ListDevicesResponse;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.proto.v1.WatchDevicesRequest;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pvscope devices}: the paravirtual devices with their protocol state decoded, through an agent. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = {"List the paravirtual devices with their protocol state decoded (through an agent):",
            "XenBus frontend/backend pairs with states by name and problems, virtio status and feature bits,",
            "VMBus devices and channels."})
final class DevicesCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection agent;

    @Option(names = {"-v", "--verbose"}, description = "Also the negotiation table, rings, feature bits, channels "
            + "and timeline of each device.")
    private boolean verbose;

    @Option(names = "--local", description = "Read this machine's virtio and VMBus devices directly, without an "
            + "agent (XenBus devices need an agent's store).")
    private boolean local;

    @Mixin
    private RootOption root;

    @Option(names = "--json", description = {"One JSON object per line: each Device message; with --watch, each",
        "DeviceEvent (device, sync, gone, error) and the liveness lines of pvscope watch."})
    private boolean json;

    @Option(names = "--watch", description = {"Then follow the agent: each device again when its state, timeline or",
        "problems change, 'gone SOURCE' when it is gone; says on stderr when the agent stops answering."})
    private boolean watch;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "With --watch, give up with exit 1 after this long without an answer.")
    private Double timeoutSeconds;

    @Option(names = "--stuck-after", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long a XenBus pair may sit between handshake steps before it is reported stuck "
                    + "(default: ${DEFAULT-VALUE}).")
    private double stuckAfter;

    @Override
    public Integer call() throws Exception {
        if (!(stuckAfter >= 0) || timeoutSeconds != null && !(timeoutSeconds > 0)) {
            throw new ParameterException(spec.commandLine(), "--stuck-after must not be negative, --timeout above 0");
        }
        if (local && watch) {
            throw new ParameterException(spec.commandLine(), "--watch needs an agent: it keeps the timeline between looks");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (local) {
            SystemRoot system = root.systemRoot();
            try (AgentBus bus = new AgentBus(new Detection(system, Clock.systemUTC()), List.of())) {
                print(out, new DeviceSurvey(system, Clock.systemUTC()).survey(bus.current(),
                        XenbusProblems.DEFAULT_STUCK_AFTER, unit -> "XenBus devices are read through an agent"));
            }
            return 0;
        }
        ManagedChannel channel = agent.open();
        try {
            if (watch) {
                return follow(channel, out);
            }
            print(out, AgentConnection.blocking(channel).listDevices(request()));
            return 0;
        } catch (StatusRuntimeException e) {
            out.flush();
            return ClientErrors.report(spec.commandLine().getErr(), "devices", agent.target(), e);
        } finally {
            channel.shutdownNow();
        }
    }

    /** --watch: the devices, then each change as the agent reports it, saying when the agent falls silent. */
    private int follow(ManagedChannel channel, PrintWriter out) throws InterruptedException {
        Duration heartbeat = Silence.DEFAULT_HEARTBEAT;
        WatchDevicesRequest request = WatchDevicesRequest.newBuilder().setStuckAfter(request().getStuckAfter())
                .setHeartbeatInterval(com.google.protobuf.Duration.newBuilder().setSeconds(heartbeat.getSeconds())
                        .setNanos(heartbeat.getNano())).build();
        PrintWriter err = spec.commandLine().getErr();
        return new StreamFollower<DeviceEvent>("devices", agent.target(), out, err, json).follow(
                observer -> PvBusGrpc.newStub(channel).watchDevices(request, observer), heartbeat,
                timeoutSeconds == null ? Optional.empty()
                        : Optional.of(Duration.ofMillis(Math.round(timeoutSeconds * 1000))),
                event -> Optional.empty(), event -> {
                    if (event.hasHeartbeat()) {
                        return;
                    }
                    if (event.hasError()) {
                        err.println("pvscope devices: " + event.getError());
                        err.flush();
                    }
                    if (json) {
                        out.println(printJson(event));
                    } else if (event.hasDevice()) {
                        out.println(String.join(System.lineSeparator(), DevicesText.lines(event.getDevice(), verbose)));
                    } else if (event.hasGone()) {
                        out.println("gone   " + event.getGone());
                    } else if (event.hasSync()) {
                        out.println("# in sync");
                    }
                    out.flush();
                });
    }

    private static String printJson(com.google.protobuf.MessageOrBuilder message) {
        try {
            return JsonFormat.printer().alwaysPrintFieldsWithNoPresence().omittingInsignificantWhitespace()
                    .print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints every device, and the sources that could not be read on stderr. */
    private void print(PrintWriter out, ListDevicesResponse response) {
        for (Device device : response.getDevicesList()) {
            out.println(json ? printJson(device) : String.join(System.lineSeparator(), DevicesText.lines(device, verbose)));
        }
        response.getErrorsList().forEach(error -> spec.commandLine().getErr().println("pvscope devices: " + error));
        out.flush();
    }

    private void print(PrintWriter out, DeviceSurvey.Report report) {
        print(out, DeviceProtos.listDevices(report));
    }

    private ListDevicesRequest request() {
        long nanos = (long) (stuckAfter * 1e9);
        return ListDevicesRequest.newBuilder().setStuckAfter(com.google.protobuf.Duration.newBuilder()
                .setSeconds(nanos / 1_000_000_000L).setNanos((int) (nanos % 1_000_000_000L))).build();
    }
}
