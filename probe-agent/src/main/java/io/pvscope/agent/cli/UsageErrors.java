package io.pvscope.agent.cli;

import picocli.CommandLine;

/**
 * What the user got wrong is said in one line ({@link ErrorLines}) with exit 1, as the tools the commands
 * stand beside do; only a fault of the program itself shows a stack trace.
 */
final class UsageErrors implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult)
            throws Exception {
        return ErrorLines.reported(commandLine.getCommandName(), e, line -> {
            commandLine.getErr().println(line);
            commandLine.getErr().flush();
        });
    }
}
