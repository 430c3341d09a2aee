package io.pvscope.agent.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Whether a file the agent writes is its own: a file another user made could be read or truncated by them. */
public final class FileOwners {

    private FileOwners() {
    }

    /**
     * Fails, naming {@code what} and the path, when the file belongs to another user than the agent's. Where
     * the process's user cannot be known (no /proc), the folder's permissions are all there is.
     */
    public static void requireOurs(Path file, String what) throws IOException {
        Path self = Path.of("/proc/self");
        if (!Files.exists(self)) {
            return;
        }
        Object ours = Files.getAttribute(self, "unix:uid");
        Object owner = Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (!ours.equals(owner)) {
            throw new IOException(what + " " + file + " belongs to user " + owner + ", not to the agent's user "
                    + ours + "; refusing to write to it (remove it to let the agent make its own)");
        }
    }
}
