package io.pvscope.agent.kv.sim;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a path lies on a file system mounted read-only. access(2) for writing answers EROFS there even for
 * root, and EACCES when only permissions forbid it; the JDK turns EACCES into an AccessDeniedException and
 * EROFS into a plain FileSystemException. (FileStore.isReadOnly cannot be used: it looks at the mount the
 * device belongs to, not at a read-only bind mount laid over a folder.)
 */
final class ReadOnlyMounts {

    private ReadOnlyMounts() {
    }

    /** Asks about the nearest folder that exists, since a folder that could not be created has none. */
    static boolean holds(Path path) {
        for (Path existing = path.toAbsolutePath(); existing != null; existing = existing.getParent()) {
            if (Files.exists(existing)) {
                try {
                    existing.getFileSystem().provider().checkAccess(existing, AccessMode.WRITE);
                    return false;
                } catch (AccessDeniedException e) {
                    return false;
                } catch (FileSystemException e) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
