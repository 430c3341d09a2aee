package io.pvscope.agent.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * What the user got wrong (an address that does not parse, a token file that is not there) is said in one
 * line, "hostctl: …" or "pvscope ls: …", with exit 1, as the tools it stands beside do; only a fault of the
 * program itself shows a stack trace.
 */
final class UsageErrors implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult)
            throws Exception {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (!(cause instanceof IllegalArgumentException) && !(cause instanceof IOException)) {
            throw e;
        }
        String name = commandLine.getCommandName();
        String prefix = name.equals("hostctl") ? "hostctl: " : "pvscope " + name + ": ";
        commandLine.getErr().println(prefix + message(cause));
        commandLine.getErr().flush();
        return 1;
    }

    private static String message(Throwable cause) {
        if (cause instanceof NoSuchFileException missing) {
            return missing.getFile() + ": No such file or directory";
        }
        if (cause instanceof AccessDeniedException denied) {
            return denied.getFile() + ": Permission denied";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
