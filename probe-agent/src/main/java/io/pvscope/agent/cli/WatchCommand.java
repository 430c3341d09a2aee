package io.pvscope.agent.cli;

import io.grpc.ManagedChannel;
import io.pvscope.agent.hostctl.Vis;
import io.pvscope.client.Silence;
import io.pvscope.proto.v1.KvEntry;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.proto.v1.WatchEvent;
import io.pvscope.proto.v1.WatchRequest;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pvscope watch}: follow changes under prefixes, one line per event, until interrupted. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Print the keys under PREFIX, then every change and delete as it happens (through an agent).",
                "When the agent stops answering (its guest stopped at a breakpoint, frozen, or cut off), says so "
                        + "on stderr, and again when it answers."})
final class WatchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection agent;

    @Option(names = "--changes-only", description = "Do not print the initial snapshot.")
    private boolean changesOnly;

    @Parameters(paramLabel = "PREFIX", arity = "0..*", description = "Keys to watch (default: the whole store).")
    private List<String> prefixes = new ArrayList<>();

    @Option(names = "--heartbeat", paramLabel = "SECONDS", defaultValue = "1",
            description = "Ask the agent for a heartbeat after this long without news, and say when "
                    + Silence.MISSED_HEARTBEATS + " are missed (default: ${DEFAULT-VALUE}; 0: none).")
    private double heartbeatSeconds;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Give up (exit 1) when nothing came from the agent for this long.")
    private Double timeoutSeconds;

    @Option(names = "--json", description = "One JSON object per event and line (started, snapshot, sync, update,"
            + " deleted, unavailable, and not-answering/answering when the agent falls silent or answers again).")
    private boolean json;

    @Option(names = "--print-heartbeats", description = "With --json, a line for each heartbeat too.")
    private boolean printHeartbeats;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Duration heartbeat = seconds("--heartbeat", heartbeatSeconds);
        Optional<Duration> timeout = timeoutSeconds == null ? Optional.empty()
                : Optional.of(seconds("--timeout", timeoutSeconds)).filter(t -> !t.isZero());
        WatchRequest.Builder request = WatchRequest.newBuilder().setUnit(agent.unit).addAllPrefixes(prefixes);
        if (!heartbeat.isZero()) {
            request.setHeartbeatInterval(com.google.protobuf.Duration.newBuilder()
                    .setSeconds(heartbeat.getSeconds()).setNanos(heartbeat.getNano()));
        }
        ManagedChannel channel = agent.open();
        try {
            return new StreamFollower<WatchEvent>("watch", agent.target(), out, err, json).follow(
                    observer -> PvBusGrpc.newStub(channel).watch(request.build(), observer), heartbeat, timeout,
                    event -> event.hasStarted() ? Optional.of(Duration.ofSeconds(
                            event.getStarted().getHeartbeatInterval().getSeconds(),
                            event.getStarted().getHeartbeatInterval().getNanos())) : Optional.empty(),
                    event -> {
                        String line = json ? jsonLine(event) : line(event);
                        if (line != null) {
                            out.println(line);
                            out.flush();
                        }
                    });
        } finally {
            channel.shutdownNow();
        }
    }

    private Duration seconds(String option, double value) {
        if (!(value >= 0) || value > Duration.ofDays(1).toSeconds()) {
            throw new ParameterException(spec.commandLine(), option + ": expected 0 to 86400 seconds, got " + value);
        }
        return Duration.ofNanos(Math.round(value * 1e9));
    }

    private String jsonLine(WatchEvent event) {
        if (changesOnly && event.hasSnapshot()) {
            return null;
        }
        var object = JsonLines.event(event, printHeartbeats);
        return object == null ? null : object.toString();
    }

    private String line(WatchEvent event) {
        return switch (event.getEventCase()) {
            case STARTED -> "# watching (" + event.getStarted().getMode().name().toLowerCase()
                    + (event.getStarted().hasPollInterval() && event.getStarted().getPollInterval().getSeconds()
                    + event.getStarted().getPollInterval().getNanos() > 0 ? ", every "
                    + event.getStarted().getPollInterval().getSeconds() + " s" : "") + ")";
            case SNAPSHOT -> changesOnly ? null : "= " + entry(event.getSnapshot());
            case SYNC -> "# in sync";
            case UPDATE -> "~ " + entry(event.getUpdate());
            case DELETED -> "- " + event.getDeleted().getKey();
            case UNAVAILABLE -> "# store unavailable (" + event.getUnavailable().getErrno() + "), reconnecting: "
                    + event.getUnavailable().getReason();
            case HEARTBEAT, EVENT_NOT_SET -> null;
        };
    }

    private static String entry(KvEntry entry) {
        if (!entry.getError().isEmpty()) {
            return entry.getKey() + "  (" + entry.getError() + ")";
        }
        return entry.getKey() + (entry.getHasChildren() && entry.getValue().isEmpty() ? "/"
                : " = " + new String(Vis.safe(entry.getValue().toByteArray()), StandardCharsets.US_ASCII));
    }
}
