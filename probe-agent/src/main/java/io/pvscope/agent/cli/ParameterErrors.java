package io.pvscope.agent.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Usage errors of commands that may also run without picocli ({@link ServeArguments}). The picocli types stay
 * in here: in the command's own class, verifying it would load them even when nothing is wrong.
 */
final class ParameterErrors {

    private ParameterErrors() {
    }

    /** picocli's usage error for the command of {@code spec}; without picocli (no spec) a plain one. */
    static RuntimeException of(CommandSpec spec, String message) {
        return spec != null ? new ParameterException(spec.commandLine(), message)
                : new IllegalArgumentException(message);
    }
}
