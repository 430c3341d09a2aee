package io.pvscope.agent.server.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the system would let a local user use a store directly: xenstored's socket and the xenbus device
 * are root's alone on a stock system (mode 0600), and a user the system keeps out must not read the same
 * keys through the agent. A user may when it is root, owns the file, may write it (connecting to a socket,
 * or opening the device for reading and writing, needs that) as a member of its group or as anyone, or is
 * in the agent's own group (the packaged unit's way to let its operators in).
 */
public final class SystemGuard {

    private final Path etc;
    private final int agentGid;
    private final Map<String, Read> reads = new ConcurrentHashMap<>();

    public SystemGuard(Path etc, int agentGid) {
        this.etc = etc;
        this.agentGid = agentGid;
    }

    /** The agent's own group, from /proc; -1 (no group) where it cannot be read. */
    public static int agentGroup() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Why {@code uid} may not use the store behind {@code guard}, or null when it may. */
    public String refusal(int uid, Path guard) {
        int owner;
        int group;
        int mode;
        try {
            owner = (Integer) Files.getAttribute(guard, "unix:uid");
            group = (Integer) Files.getAttribute(guard, "unix:gid");
            mode = (Integer) Files.getAttribute(guard, "unix:mode");
        } catch (IOException | RuntimeException e) {
            return null; // Nothing to compare with: the store itself will fail for everybody.
        }
        boolean othersWrite = (mode & 0002) != 0;
        boolean groupWrite = (mode & 0020) != 0;
        if (uid == 0 || uid == owner || othersWrite || groupWrite && inGroup(uid, group)
                || agentGid >= 0 && inGroup(uid, agentGid)) {
            return null;
        }
        return guard + " is mode " + String.format("%04o", mode & 07777) + ", owner " + owner + ", group " + group
                + ": the system keeps uid " + uid + " out";
    }

    /** Primary group from /etc/passwd, or a member of the group's line in /etc/group. */
    boolean inGroup(int uid, int gid) {
        String name = null;
        for (String line : lines("passwd")) {
            String[] fields = line.split(":", -1);
            if (fields.length > 3 && fields[2].equals(Integer.toString(uid))) {
                if (fields[3].equals(Integer.toString(gid))) {
                    return true;
                }
                name = fields[0];
                break;
            }
        }
        if (name == null) {
            return false;
        }
        for (String line : lines("group")) {
            String[] fields = line.split(":", -1);
            if (fields.length > 3 && fields[2].equals(Integer.toString(gid))) {
                return List.of(fields[3].split(",")).contains(name);
            }
        }
        return false;
    }

    /**
     * The file's lines, read again only when it changed (another file in its place, another size or time):
     * a read's checks may run on a network thread, and the files change rarely.
     */
    private List<String> lines(String name) {
        Path file = etc.resolve(name);
        Read known = reads.get(name);
        try {
            BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class);
            if (known != null && known.sameAs(now)) {
                return known.lines();
            }
            Read fresh = new Read(now.fileKey(), now.lastModifiedTime(), now.size(),
                    Files.readAllLines(file, StandardCharsets.UTF_8));
            reads.put(name, fresh);
            return fresh.lines();
        } catch (IOException e) {
            reads.remove(name);
            return List.of();
        }
    }

    /** A file's lines and what it was when they were read. */
    private record Read(Object fileKey, FileTime modified, long size, List<String> lines) {
        boolean sameAs(BasicFileAttributes now) {
            return java.util.Objects.equals(fileKey, now.fileKey()) && modified.equals(now.lastModifiedTime())
                    && size == now.size();
        }
    }
}
