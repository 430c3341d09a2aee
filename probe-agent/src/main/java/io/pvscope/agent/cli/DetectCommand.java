package io.pvscope.agent.cli;

import io.pvscope.agent.detect.Detection;
import io.pvscope.agent.detect.DetectionJson;
import io.pvscope.agent.detect.DetectionReport;
import io.pvscope.agent.detect.DetectionText;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pvscope detect}: every hypervisor interface with its evidence. Exits 0 whether or not any is found. */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "List the hypervisor interfaces (units) of this guest with the evidence for each.")
final class DetectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private RootOption root;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean json;

    @Override
    public Integer call() {
        DetectionReport report = new Detection(root.systemRoot(), Clock.systemUTC()).current().report();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(DetectionJson.render(report));
            out.flush();
        } else {
            DetectionText.print(report, out);
        }
        return 0;
    }
}
