package io.pvscope.agent.cli;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

    /** What the stream observer hands to the printing thread: an event, a failure or the end. */
    private static final Object END = new Object();

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
        BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
        ManagedChannel channel = agent.open();
        try {
            PvBusGrpc.newStub(channel).watch(request.build(), new StreamObserver<>() {
                @Override
                public void onNext(WatchEvent event) {
                    arrivals.add(event);
                }

                @Override
                public void onError(Throwable t) {
                    arrivals.add(t);
                }

                @Override
                public void onCompleted() {
                    arrivals.add(END);
                }
            });
            Silence silence = heartbeat.isZero() ? null : Silence.of(heartbeat);
            long lastHeard = System.nanoTime();
            while (true) {
                Object arrival = arrivals.poll(CHECK_MILLIS, TimeUnit.MILLISECONDS);
                if (arrival == null) {
                    if (silence != null && silence.check().started()) {
                        liveness(out, err, false, silence.sinceLastHeard());
                    }
                    Duration quiet = Duration.ofNanos(System.nanoTime() - lastHeard);
                    if (timeout.isPresent() && quiet.compareTo(timeout.get()) >= 0) {
                        err.println("pvscope watch: " + agent.target() + ": no answer for " + whole(quiet)
                                + "; giving up (--timeout)");
                        err.flush();
                        return 1;
                    }
                    continue;
                }
                lastHeard = System.nanoTime();
                if (silence != null) {
                    silence.heard().ifPresent(was -> liveness(out, err, true, was));
                }
                if (arrival == END) {
                    return 0;
                }
                if (arrival instanceof Throwable failure) {
                    return ClientErrors.report(err, "watch", agent.target(), failure);
                }
                WatchEvent event = (WatchEvent) arrival;
                if (event.hasStarted()) {
                    // Measure silences against the interval the agent applies; none if it sends no heartbeats.
                    Duration applied = Duration.ofSeconds(event.getStarted().getHeartbeatInterval().getSeconds(),
                            event.getStarted().getHeartbeatInterval().getNanos());
                    silence = applied.isZero() ? null : Silence.of(applied);
                }
                String line = json ? jsonLine(event) : line(event);
                if (line != null) {
                    out.println(line);
                    out.flush();
                }
            }
        } finally {
            channel.shutdownNow();
        }
    }

    private static final long CHECK_MILLIS = 100;

    /** Says on stderr that the agent fell silent or answers again, and with --json on stdout too. */
    private void liveness(PrintWriter out, PrintWriter err, boolean answering, Duration silence) {
        err.println(answering ? "pvscope watch: " + agent.target() + " answering again after " + whole(silence)
                : "pvscope watch: no answer from " + agent.target() + " for " + whole(silence) + " (" + Silence.WHY
                        + ")");
        err.flush();
        if (json) {
            out.println(JsonLines.liveness(agent.target(), answering, silence));
            out.flush();
        }
    }

    private Duration seconds(String option, double value) {
        if (!(value >= 0) || value > Duration.ofDays(1).toSeconds()) {
            throw new ParameterException(spec.commandLine(), option + ": expected 0 to 86400 seconds, got " + value);
        }
        return Duration.ofNanos(Math.round(value * 1e9));
    }

    /** "3 s", "12 s": whole seconds, as a person reads a silence. */
    private static String whole(Duration duration) {
        return Math.round(duration.toMillis() / 1000.0) + " s";
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
