package io.pvscope.agent.server;

import io.pvscope.agent.fs.FileOwners;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * An audit file that is renamed to FILE.1 (FILE.1 to FILE.2, …, up to FILE.keep) when the next line would
 * take it past maxBytes, so that the log's size is bounded without an external logrotate.
 */
final class RotatingAuditFile implements AutoCloseable {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private OutputStream out;
    private long size;

    RotatingAuditFile(Path file, long maxBytes, int keep) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
        open();
    }

    Path file() {
        return file;
    }

    synchronized void append(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (size > 0 && size + bytes.length > maxBytes) {
            rotate();
        }
        out.write(bytes);
        out.flush();
        size += bytes.length;
    }

    private void rotate() throws IOException {
        out.close();
        Files.deleteIfExists(numbered(keep));
        for (int i = keep - 1; i >= 1; i--) {
            if (Files.exists(numbered(i))) {
                Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private Path numbered(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    /**
     * Opens the file for appending, never through a symbolic link, made 0600 when this creates it: keys and
     * peers are not for every local user to read. A folder others may write to (they could plant a link or a
     * file of their own there), a file of another user's, or anything but a plain file is refused, naming
     * the path; a file of ours that others could read is made 0600.
     */
    private void open() throws IOException {
        refuseSharedFolder(file.toAbsolutePath().getParent());
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                && !Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile()) {
            throw new IOException("audit file " + file + " is not a plain file (a link, a pipe or a device);"
                    + " refusing to write to it");
        }
        try {
            out = Channels.newOutputStream(FileChannel.open(file, Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY)));
        } catch (FileSystemException e) {
            throw new IOException("cannot open audit file " + file + ": " + e.getMessage(), e);
        }
        try {
            FileOwners.requireOurs(file, "audit file");
            if (!Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        size = Files.size(file);
    }

    private static void refuseSharedFolder(Path folder) throws IOException {
        Set<PosixFilePermission> modes = Files.getPosixFilePermissions(folder);
        if (modes.contains(PosixFilePermission.GROUP_WRITE) || modes.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException("the audit file's folder " + folder + " is writable by other users ("
                    + PosixFilePermissions.toString(modes) + "); put the audit file in a folder only the agent's"
                    + " user may write to");
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
