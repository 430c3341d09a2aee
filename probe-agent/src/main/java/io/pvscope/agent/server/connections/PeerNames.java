package io.pvscope.agent.server.connections;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names the peer of a TCP connection for the per-peer limits. A remote peer is its address. On loopback every
 * local user has the same address, so the peer is the user owning the connecting socket, found as identd
 * does in the kernel's socket tables ({@code /proc/net/tcp} and {@code tcp6}: the entry whose local end is the
 * peer's and whose remote end is ours carries the owner's uid).
 */
public final class PeerNames {

    private final Path procNet;
    /** A reading of the socket tables is trusted this long: a port may be reused by another user later. */
    private static final long SNAPSHOT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);

    private Map<Long, List<String[]>> snapshot = Map.of();
    private long snapshotTaken = System.nanoTime() - SNAPSHOT_NANOS;
    /** Connections the listener accepted, named once at accept and forgotten when they close. */
    private final Map<InetSocketAddress, Peer> open = new ConcurrentHashMap<>();

    /**
     * Who is at the other end of a connection.
     *
     * @param name "uid N" for a loopback socket whose owner the tables show, otherwise the address
     * @param uid  that owner, or -1
     */
    public record Peer(String name, int uid) {
    }

    public PeerNames(Path procNet) {
        this.procNet = procNet;
    }

    /** The peer of a connection from {@code remote} to our {@code local} address. */
    public Peer of(InetSocketAddress remote, InetSocketAddress local) {
        Peer known = open.get(remote);
        return known != null ? known : lookUp(remote, local);
    }

    /** Names a connection the listener accepted, for {@link #of} to answer without the socket tables. */
    void remember(InetSocketAddress remote, Peer peer) {
        open.put(remote, peer);
    }

    void forget(InetSocketAddress remote) {
        open.remove(remote);
    }

    private Peer lookUp(InetSocketAddress remote, InetSocketAddress local) {
        InetAddress address = remote.getAddress();
        if (address != null && address.isLoopbackAddress()) {
            OptionalInt uid = ownerOf(remote, local);
            if (uid.isPresent()) {
                return new Peer("uid " + uid.getAsInt(), uid.getAsInt());
            }
        }
        return new Peer(address == null ? remote.getHostString() : address.getHostAddress(), -1);
    }

    /**
     * The uid owning the socket at {@code remote} connected to {@code local}, if the tables show it. The
     * tables are read once for a burst of connections (a flood would otherwise have the listener parse them
     * once per connection, thousands of lines each time, and accept ever more slowly): a lookup first tries
     * the last reading, if younger than {@link #SNAPSHOT_NANOS}, and reads again only when it misses.
     */
    synchronized OptionalInt ownerOf(InetSocketAddress remote, InetSocketAddress local) {
        long now = System.nanoTime();
        if (now - snapshotTaken < SNAPSHOT_NANOS) {
            OptionalInt cached = find(snapshot, remote, local);
            if (cached.isPresent()) {
                return cached;
            }
        }
        snapshot = read();
        snapshotTaken = now;
        return find(snapshot, remote, local);
    }

    private static OptionalInt find(Map<Long, List<String[]>> byPorts, InetSocketAddress remote,
                                    InetSocketAddress local) {
        for (String[] fields : byPorts.getOrDefault(ports(remote.getPort(), local.getPort()), List.of())) {
            OptionalInt uid = match(fields, remote, local);
            if (uid.isPresent()) {
                return uid;
            }
        }
        return OptionalInt.empty();
    }

    /** Both tables' lines by their two ports, the only part cheap to read. */
    private Map<Long, List<String[]>> read() {
        Map<Long, List<String[]>> byPorts = new java.util.HashMap<>();
        for (String table : List.of("tcp", "tcp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(procNet.resolve(table), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                continue;
            }
            for (int i = 1; i < lines.size(); i++) {
                String[] fields = fields(lines.get(i));
                if (fields.length < 8) {
                    continue;
                }
                try {
                    byPorts.computeIfAbsent(ports(port(fields[1]), port(fields[2])), key -> new java.util.ArrayList<>())
                            .add(fields);
                } catch (NumberFormatException e) {
                    // Not a line of the table's shape.
                }
            }
        }
        return byPorts;
    }

    /**
     * A table line's fields, split at runs of spaces: the first eight (sl, local, remote, st, queues, timer,
     * retransmits, uid) are all a lookup reads. Without a regular expression: the first connection is named
     * on the listener's thread while it waits to be accepted.
     */
    static String[] fields(String line) {
        List<String> fields = new java.util.ArrayList<>(12);
        int length = line.length();
        int i = 0;
        while (i < length) {
            while (i < length && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                fields.add(line.substring(start, i));
            }
        }
        return fields.toArray(new String[0]);
    }

    private static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.indexOf(':') + 1), 16);
    }

    private static long ports(int first, int second) {
        return (long) first << 16 | second;
    }

    /** Fields: sl, local, remote, st, queues, timer, retransmits, uid, ... */
    private static OptionalInt match(String[] fields, InetSocketAddress remote, InetSocketAddress local) {
        if (fields.length < 8 || !endpointIs(fields[1], remote) || !endpointIs(fields[2], local)) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(fields[7]));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** "0100007F:1F91": the address in the kernel's byte order per 32-bit word, then the port, in hex. */
    static boolean endpointIs(String field, InetSocketAddress wanted) {
        int colon = field.indexOf(':');
        if (colon < 0) {
            return false;
        }
        try {
            if (Integer.parseInt(field.substring(colon + 1), 16) != wanted.getPort()) {
                return false;
            }
            byte[] bytes = kernelAddress(field.substring(0, colon));
            return bytes != null && sameHost(bytes, wanted.getAddress().getAddress());
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static byte[] kernelAddress(String hex) {
        if (hex.length() != 8 && hex.length() != 32) {
            return null;
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            long value = Long.parseLong(hex.substring(word * 8, word * 8 + 8), 16);
            for (int b = 0; b < 4; b++) {
                // Each 32-bit word is printed as a little-endian integer.
                bytes[word * 4 + b] = (byte) (value >>> (8 * b));
            }
        }
        return bytes;
    }

    /** Equal, or the same IPv4 address once as such and once mapped into IPv6 (::ffff:a.b.c.d). */
    private static boolean sameHost(byte[] table, byte[] wanted) {
        if (table.length == wanted.length) {
            return java.util.Arrays.equals(table, wanted);
        }
        byte[] v6 = table.length == 16 ? table : wanted;
        byte[] v4 = table.length == 4 ? table : wanted;
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return false;
            }
        }
        return v6[10] == (byte) 0xff && v6[11] == (byte) 0xff
                && java.util.Arrays.equals(java.util.Arrays.copyOfRange(v6, 12, 16), v4);
    }
}
