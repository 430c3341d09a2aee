package io.pvscope.agent.cli;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.pvscope.agent.hostctl.Vis;
import io.pvscope.proto.v1.KvEntry;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.proto.v1.WatchEvent;
import io.pvscope.proto.v1.WatchRequest;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pvscope watch}: follow changes under prefixes, one line per event, until interrupted. */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Print the keys under PREFIX, then every change and delete as it happens (through an agent).")
final class WatchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection agent;

    @Option(names = "--changes-only", description = "Do not print the initial snapshot.")
    private boolean changesOnly;

    @Parameters(paramLabel = "PREFIX", arity = "0..*", description = "Keys to watch (default: the whole store).")
    private List<String> prefixes = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ManagedChannel channel = agent.open();
        try {
            Iterator<WatchEvent> events = PvBusGrpc.newBlockingStub(channel).watch(WatchRequest.newBuilder()
                    .setUnit(agent.unit).addAllPrefixes(prefixes).build());
            while (events.hasNext()) {
                String line = line(events.next());
                if (line != null) {
                    out.println(line);
                    out.flush();
                }
            }
            return 0;
        } catch (StatusRuntimeException e) {
            return ClientErrors.report(spec.commandLine().getErr(), "watch", agent.target(), e);
        } finally {
            channel.shutdownNow();
        }
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
            case EVENT_NOT_SET -> null;
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
