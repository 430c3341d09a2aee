package io.pvscope.agent.server.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Peers named from the kernel's real socket tables, and from tables written as the kernel writes them. */
class PeerNamesTest {

    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode\n";

    @TempDir
    Path dir;

    @Test
    void aLoopbackPeerIsTheUserOwningTheConnectingSocket() throws Exception {
        long uid = new com.sun.security.auth.module.UnixSystem().getUid();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            PeerNames.Peer peer = new PeerNames(Path.of("/proc/net")).of(
                    (InetSocketAddress) accepted.getRemoteSocketAddress(),
                    (InetSocketAddress) accepted.getLocalSocketAddress());

            assertThat(peer).isEqualTo(new PeerNames.Peer("uid " + uid, (int) uid));
        }
    }

    @Test
    void aTableLineIsSplitAtRunsOfSpacesAsARegularExpressionWould() {
        for (String line : new String[] {"   0: 0100007F:9C40 0100007F:1CE1 01 00000000:00000000 00:00000000 00000000"
                + "  1000        0 12345 1", "\t1:\t\tA  B\t", "", "   ", "x"}) {
            String[] expected = line.trim().isEmpty() ? new String[0] : line.trim().split("\\s+");
            assertThat(PeerNames.fields(line)).as("'%s'", line).containsExactly(expected);
        }
    }

    @Test
    void ipv4AndIpv6TablesAreReadInTheKernelsByteOrder() throws Exception {
        // 127.0.0.1:40000 -> 127.0.0.1:7393 owned by 1000; ::1 port 40001 -> ::1 port 7393 owned by 1001.
        Files.writeString(dir.resolve("tcp"), HEADER
                + "   0: 0100007F:9C40 0100007F:1CE1 01 00000000:00000000 00:00000000 00000000  1000        0 1 1\n");
        Files.writeString(dir.resolve("tcp6"), HEADER
                + "   0: 00000000000000000000000001000000:9C41 00000000000000000000000001000000:1CE1 01"
                + " 00000000:00000000 00:00000000 00000000  1001        0 2 1\n");
        PeerNames names = new PeerNames(dir);

        assertThat(names.of(new InetSocketAddress("127.0.0.1", 40000), new InetSocketAddress("127.0.0.1", 7393)))
                .isEqualTo(new PeerNames.Peer("uid 1000", 1000));
        assertThat(names.of(new InetSocketAddress("::1", 40001), new InetSocketAddress("::1", 7393)))
                .isEqualTo(new PeerNames.Peer("uid 1001", 1001));
        assertThat(names.of(new InetSocketAddress("127.0.0.1", 40002), new InetSocketAddress("127.0.0.1", 7393)))
                .as("a socket the tables do not show").isEqualTo(new PeerNames.Peer("127.0.0.1", -1));
        assertThat(names.of(new InetSocketAddress("192.0.2.7", 40000), new InetSocketAddress("192.0.2.1", 7393)))
                .as("a remote peer is its address").isEqualTo(new PeerNames.Peer("192.0.2.7", -1));
    }
}
