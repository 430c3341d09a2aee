package io.pvscope.core.tests.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.pvscope.core.Target;

/**
 * A loopback TCP proxy in front of an agent that holds every chunk it reads for a while before passing it
 * on, in both directions: a slow, far-away link. It can also black-hole the traffic (both sockets stay open,
 * nothing passes, nothing is reset: a partition or a stalled relay) and heal. Closing it drops every
 * connection at once, as a pulled cable or a dead relay would.
 */
public final class SlowLink implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    private final ServerSocket server;
    private final InetSocketAddress agent;
    private final long delayMillis;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong forwarded = new AtomicLong();
    private volatile boolean open = true;
    private volatile boolean blackHole;

    private SlowLink(InetSocketAddress agent, Duration delay) throws IOException {
        this.agent = agent;
        this.delayMillis = delay.toMillis();
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("slow-link-accept", this::accept).start();
    }

    /** A link to {@code agent} that holds each chunk for {@code delay}. */
    public static SlowLink to(Target agent, Duration delay) throws IOException {
        return new SlowLink(new InetSocketAddress(agent.host(), agent.port()), delay);
    }

    /** Where to connect instead of the agent. */
    public Target target() {
        return new Target("slow agent", "127.0.0.1", server.getLocalPort());
    }

    /** From now on nothing passes, either way, until {@link #heal()}; no connection is closed or reset. */
    public void blackHole() {
        blackHole = true;
    }

    /** Traffic passes again, what was held back first. */
    public void heal() {
        blackHole = false;
    }

    /** Bytes passed on so far, both ways. */
    public long forwarded() {
        return forwarded.get();
    }

    @Override
    public void close() {
        open = false;
        closeQuietly(server);
        sockets.forEach(SlowLink::closeQuietly);
    }

    private void accept() {
        while (open) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(agent.getAddress(), agent.getPort());
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                daemon("slow-link-up", () -> pass(client, upstream)).start();
                daemon("slow-link-down", () -> pass(upstream, client)).start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Reads a chunk, holds it, writes it on; what arrives meanwhile makes the next chunk. */
    private void pass(Socket from, Socket to) {
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                Thread.sleep(delayMillis);
                while (blackHole && open) {
                    Thread.sleep(10);
                }
                out.write(buffer, 0, read);
                out.flush();
                forwarded.addAndGet(read);
            }
        } catch (IOException | InterruptedException e) {
            // Closed: by close() or by the other side.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // Nothing left to do.
        }
    }
}
