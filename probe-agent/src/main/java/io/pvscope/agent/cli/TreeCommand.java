package io.pvscope.agent.cli;

import io.pvscope.agent.detect.Detection;
import io.pvscope.agent.tree.DeviceNode;
import io.pvscope.agent.tree.DeviceTreeJson;
import io.pvscope.agent.tree.DeviceTreeText;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pvscope tree}: mainbus0 → pvbus0 → units → devices. */
@Command(name = "tree", mixinStandardHelpOptions = true,
        description = "Print the paravirtual device tree: mainbus0, pvbus0, the units and their devices.")
final class TreeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private RootOption root;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean json;

    @Override
    public Integer call() {
        DeviceNode tree = new Detection(root.systemRoot(), Clock.systemUTC()).current().tree();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(DeviceTreeJson.render(tree));
            out.flush();
        } else {
            DeviceTreeText.print(tree, out);
        }
        return 0;
    }
}
