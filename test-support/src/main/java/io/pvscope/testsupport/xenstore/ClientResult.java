package io.pvscope.testsupport.xenstore;

import java.io.IOException;
import java.util.List;

/** What one of Xen's clients (xenstore-read, -write...) did; {@link #line()} is stdout as $(...) gives it. */
public record ClientResult(List<String> command, int exitCode, String stdout, String stderr) {

    /** stdout without its final newline. */
    public String line() {
        return stdout.endsWith("\n") ? stdout.substring(0, stdout.length() - 1) : stdout;
    }

    /** This result, or an exception naming the command when it failed. */
    public ClientResult orFail() throws IOException {
        if (exitCode != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + exitCode + "): " + stderr.strip());
        }
        return this;
    }
}
