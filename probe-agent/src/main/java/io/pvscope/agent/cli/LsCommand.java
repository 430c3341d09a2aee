package io.pvscope.agent.cli;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.pvscope.agent.hostctl.Vis;
import io.pvscope.proto.v1.KvEntry;
import io.pvscope.proto.v1.KvListRequest;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pvscope ls}: the children of a key, which hostctl can only show as one joined value. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "List the children of KEY in a unit's store (through an agent).")
final class LsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private AgentConnection agent;

    @Option(names = {"-l", "--values"}, description = "Show each child's value (vis-encoded) too.")
    private boolean values;

    @Option(names = "--prefix", paramLabel = "TEXT", defaultValue = "", description = "Only children starting with TEXT.")
    private String prefix;

    @Option(names = "--json", description = "One JSON object per key and line: key, hasChildren, access, and "
            + "value (UTF-8), valueBase64 (other bytes) or error.")
    private boolean json;

    @Parameters(paramLabel = "KEY", arity = "0..1", defaultValue = "", description = "The parent key (default: the root).")
    private String key;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ManagedChannel channel = agent.open();
        try {
            AgentConnection.blocking(channel).kvList(KvListRequest.newBuilder().setUnit(agent.unit).setKey(key)
                    .setPrefix(prefix).setWithValues(values || json).build()).forEachRemaining(page -> {
                        for (KvEntry entry : page.getEntriesList()) {
                            out.println(json ? JsonLines.entry(entry).toString() : line(entry));
                        }
                    });
            out.flush();
            return 0;
        } catch (StatusRuntimeException e) {
            out.flush();
            return ClientErrors.report(spec.commandLine().getErr(), "ls", agent.target(), e);
        } finally {
            channel.shutdownNow();
        }
    }

    private String line(KvEntry entry) {
        String name = entry.getKey() + (entry.getHasChildren() ? "/" : "");
        if (!entry.getError().isEmpty()) {
            return name + "  (" + entry.getError() + ")";
        }
        if (!values || entry.getHasChildren() && entry.getValue().isEmpty()) {
            return name;
        }
        return name + " = " + new String(Vis.safe(entry.getValue().toByteArray()), StandardCharsets.US_ASCII);
    }
}
