package io.pvscope.agent.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.pvscope.agent.bus.AgentBus;
import io.pvscope.agent.bus.DeviceSurvey;
import io.pvscope.agent.detect.Detection;
import io.pvscope.agent.detect.SystemRoot;
import io.pvscope.agent.devices.xenbus.XenbusProblems;
import io.pvscope.agent.server.DeviceProtos;
import io.grpc.StatusRuntimeException;
import io.pvscope.proto.v1.Device;
import io.pvscope.proto.v1.ListDevicesRequest;
import io.pvscope.proto.v1.ListDevicesResponse;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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

    @Option(names = "--json", description = "One JSON object per device and line (the contract's Device message).")
    private boolean json;

    @Option(names = "--watch", description = "Ask again every --interval and print the devices whose state changed.")
    private boolean watch;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "1",
            description = "How often --watch asks (default: ${DEFAULT-VALUE}).")
    private double interval;

    @Option(names = "--stuck-after", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long a XenBus pair may sit between handshake steps before it is reported stuck "
                    + "(default: ${DEFAULT-VALUE}).")
    private double stuckAfter;

    @Override
    public Integer call() throws Exception {
        if (!(interval > 0) || !(stuckAfter >= 0)) {
            throw new ParameterException(spec.commandLine(), "--interval must be above 0 and --stuck-after not negative");
        }
        if (local && watch) {
            throw new ParameterException(spec.commandLine(), "--watch needs an agent: it keeps the timeline between looks");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (local) {
            SystemRoot system = root.systemRoot();
            try (AgentBus bus = new AgentBus(new Detection(system, Clock.systemUTC()), List.of())) {
                print(out, new DeviceSurvey(system, Clock.systemUTC()).survey(bus.current(),
                        XenbusProblems.DEFAULT_STUCK_AFTER, unit -> false), new ArrayList<>());
            }
            return 0;
        }
        ManagedChannel channel = agent.open();
        try {
            List<Device> shown = new ArrayList<>();
            do {
                ListDevicesResponse response = AgentConnection.blocking(channel).listDevices(request());
                shown = print(out, response, shown);
                if (watch) {
                    Thread.sleep((long) (interval * 1000));
                }
            } while (watch);
            return 0;
        } catch (StatusRuntimeException e) {
            out.flush();
            return ClientErrors.report(spec.commandLine().getErr(), "devices", agent.target(), e);
        } finally {
            channel.shutdownNow();
        }
    }

    /** Prints the devices not in {@code shown} (all, without --watch); returns what was listed, as compared. */
    private List<Device> print(PrintWriter out, ListDevicesResponse response, List<Device> shown)
            throws InvalidProtocolBufferException {
        List<Device> now = new ArrayList<>();
        for (Device device : response.getDevicesList()) {
            Device moved = withoutDurations(device);
            now.add(moved);
            if (!watch || !shown.contains(moved)) {
                out.println(render(device));
            }
        }
        response.getErrorsList().forEach(error -> spec.commandLine().getErr().println("pvscope devices: " + error));
        out.flush();
        return now;
    }

    private void print(PrintWriter out, DeviceSurvey.Report report, List<Device> shown)
            throws InvalidProtocolBufferException {
        print(out, DeviceProtos.listDevices(report), shown);
    }

    private ListDevicesRequest request() {
        long nanos = (long) (stuckAfter * 1e9);
        return ListDevicesRequest.newBuilder().setStuckAfter(com.google.protobuf.Duration.newBuilder()
                .setSeconds(nanos / 1_000_000_000L).setNanos((int) (nanos % 1_000_000_000L))).build();
    }

    /**
     * The device as --watch compares it: a stuck pair's reason names how long it has been stuck, which
     * changes every second without anything happening to the device.
     */
    private static Device withoutDurations(Device device) {
        var state = device.getState().toBuilder();
        state.getProblemsBuilderList().forEach(problem -> problem.setReason(""));
        return device.toBuilder().setState(state).build();
    }

    private String render(Device device) throws InvalidProtocolBufferException {
        if (json) {
            return JsonFormat.printer().alwaysPrintFieldsWithNoPresence().omittingInsignificantWhitespace().print(device);
        }
        return String.join(System.lineSeparator(), DevicesText.lines(device, verbose));
    }
}
