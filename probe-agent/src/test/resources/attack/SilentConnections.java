import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * The attacker of the agent's connection tests, run as another local user: opens COUNT TCP connections to
 * 127.0.0.1:PORT that never send a byte, says how many it holds, then waits up to WAIT_MS for the agent to
 * close them and says how many it closed (end of stream or reset). Launched as a single-file program.
 */
public class SilentConnections {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        long waitMillis = Long.parseLong(args[2]);
        List<Socket> held = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                socket.setSoTimeout(1);
                held.add(socket);
            } catch (IOException e) {
                failed++;
                socket.close();
            }
        }
        System.out.println("opened " + held.size() + " failed " + failed);
        System.out.flush();
        long start = System.nanoTime();
        boolean[] closed = new boolean[held.size()];
        int closedCount = 0;
        while (closedCount < held.size() && System.nanoTime() - start < waitMillis * 1_000_000L) {
            for (int i = 0; i < held.size(); i++) {
                if (!closed[i] && closedByPeer(held.get(i))) {
                    closed[i] = true;
                    closedCount++;
                }
            }
            Thread.sleep(100);
        }
        System.out.println("closed " + closedCount + " of " + held.size() + " after "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
        System.out.flush();
        // Holds what is left open until the test ends this process.
        if (args.length > 3 && args[3].equals("hold")) {
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Reads what the agent sent (its HTTP/2 settings); true at end of stream or on a reset. */
    private static boolean closedByPeer(Socket socket) {
        byte[] buffer = new byte[4096];
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException open) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
