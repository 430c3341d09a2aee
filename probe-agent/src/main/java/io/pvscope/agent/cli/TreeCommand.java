package io.pvscope.agent.cli;

import io.pvscope.agent.tree.DeviceTreeJson;
import io.pvscope.agent.tree.DeviceTreeText;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pvscope tree}: mainbus0 → pvbus0 → units → devices. */
@Command(name = "tree", mixinStandardHelpOptions = true,
        description = "Print the paravirtual device tree: mainbus0, pvbus0, the units and their devices.")
final class TreeCommand implements Callable<Integer> {

    @Mixin
    private DetectionOutput output;

    @Override
    public Integer call() {
        return output.print(output.detect().tree(), DeviceTreeJson::render, DeviceTreeText::print);
    }
}
