package io.pvscope.agent.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the user got wrong (an address that does not parse, a token file that is not there) in one line,
 * "hostctl: …" or "pvscope ls: …", as the tools the commands stand beside say it.
 */
final class ErrorLines {

    private ErrorLines() {
    }

    /** The line for a user's error, or empty for a fault of the program (which deserves its stack trace). */
    static Optional<String> of(String command, Exception e) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (!(cause instanceof IllegalArgumentException) && !(cause instanceof IOException)) {
            return Optional.empty();
        }
        String prefix = command.equals("hostctl") ? "hostctl: " : "pvscope " + command + ": ";
        return Optional.of(prefix + message(cause));
    }

    /**
     * Says a user's error in its one line through {@code printLine} and gives the exit status, 1; a fault of
     * the program itself is thrown again, for its stack trace.
     */
    static int reported(String command, Exception e, Consumer<String> printLine) throws Exception {
        Optional<String> line = of(command, e);
        if (line.isEmpty()) {
            throw e;
        }
        printLine.accept(line.get());
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
