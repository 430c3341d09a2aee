package io.pvscope.agent.cli;

import io.pvscope.agent.detect.DetectionJson;
import io.pvscope.agent.detect.DetectionText;
import io.pvscope.agent.fs.SystemRoot;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pvscope detect}: every hypervisor interface with its evidence. Exits 0 whether or not any is found. */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "List the hypervisor interfaces (units) of this guest with the evidence for each.")
final class DetectCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DetectionOutput output;

    @Option(names = "--benchmark", paramLabel = "N",
            description = "Time N in-process detections of this system (and of --root DIR, if given) after a "
                    + "warm-up, against reading /proc/cpuinfo; print mean and p99 in microseconds.")
    private Integer benchmark;

    @Override
    public Integer call() {
        if (benchmark != null) {
            if (benchmark < 1) {
                throw new ParameterException(spec.commandLine(), "--benchmark: N must be at least 1");
            }
            SystemRoot given = output.systemRoot();
            new DetectionBenchmark(benchmark, spec.commandLine().getOut())
                    .run(SystemRoot.live(), given.isLive() ? Optional.empty() : Optional.of(given));
            return 0;
        }
        return output.print(output.detect().report(), DetectionJson::render, DetectionText::print);
    }
}
