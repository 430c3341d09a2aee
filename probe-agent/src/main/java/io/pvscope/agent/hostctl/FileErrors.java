package io.pvscope.agent.hostctl;

import io.pvscope.agent.kv.Errno;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** strerror(3) text for a failed file operation, as err(3) would print it. */
final class FileErrors {

    private FileErrors() {
    }

    static String text(IOException e) {
        if (e instanceof NoSuchFileException) {
            return Errno.ENOENT.text();
        }
        if (e instanceof AccessDeniedException) {
            return Errno.EACCES.text();
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            String reason = fs.getReason();
            if (reason.contains("Is a directory")) {
                return Errno.EISDIR.text();
            }
            if (reason.contains("Read-only file system")) {
                return Errno.EROFS.text();
            }
            if (reason.contains("No space left")) {
                return Errno.ENOSPC.text();
            }
            return reason;
        }
        return e.getMessage() == null ? Errno.EIO.text() : e.getMessage();
    }
}
