package io.pvscope.agent.cli;

import io.pvscope.agent.fs.SystemRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code --root DIR}: replay a captured guest instead of looking at this one. */
final class RootOption {

    /** Null when the command was made without picocli ({@link ServeArguments}). */
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Resolve every detection path under DIR (a captured guest); default: /")
    Path root;

    SystemRoot systemRoot() {
        if (root == null) {
            return SystemRoot.live();
        }
        if (!Files.isDirectory(root)) {
            throw ParameterErrors.of(spec, "--root: not a directory: " + root);
        }
        return SystemRoot.of(root);
    }
}
