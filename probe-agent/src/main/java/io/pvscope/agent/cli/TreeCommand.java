package io.pvscope.agent.cli;

import io.pvscope.agent.tree.DeviceTreeJson;
import io.pvscope.agent.server.DeviceProtos;
import io.pvscope.agent.tree.DeviceTreeText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pvscope tree}: mainbus0 → pvbus0 → units → devices. */
@Command(name = "tree", mixinStandardHelpOptions = true,
        description = "Print the paravirtual device tree: mainbus0, pvbus0, the units and their devices.")
final class TreeCommand implements Callable<Integer> {

    @Mixin
    private DetectionOutput output;

    @Option(names = {"-v", "--verbose"}, description = "Also each device's decoded protocol state: feature bits "
            + "by name, VMBus channels, problems.")
    private boolean verbose;

    @Override
    public Integer call() {
        return output.print(output.detect().tree(), DeviceTreeJson::render, (tree, out) -> DeviceTreeText.print(tree,
                out, node -> verbose ? node.decoded().map(decoded -> DevicesText.details(DeviceProtos.state(decoded)))
                        .orElse(java.util.List.of()) : java.util.List.of()));
    }
}
