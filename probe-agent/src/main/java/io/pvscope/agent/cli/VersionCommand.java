package io.pvscope.agent.cli;

import io.pvscope.agent.AgentVersion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pvscope version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the agent's version.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("pvscope-agent " + AgentVersion.get());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
