package io.pvscope.agent.server.connections;

import io.grpc.netty.shaded.io.netty.channel.ChannelFactory;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.FileDescriptor;
import io.grpc.netty.shaded.io.netty.channel.unix.Socket;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ThreadFactory;

/**
 * The agent's TCP listeners and their event loops: native epoll where netty has it (Linux), as gRPC itself
 * chooses, else NIO (OpenBSD). Either listener has an {@link AcceptGate} in its pipeline, before gRPC's
 * acceptor sees a connection. (A listener of its own class, needed to gate inside the accept loop, was only
 * possible on NIO: epoll's is final. NIO cost a lone caller about 1.14× epoll's latency per call.)
 */
public final class TcpListeners {

    private final boolean epoll = Epoll.isAvailable();

    @SuppressWarnings("deprecation") // The group classes name the transport; their replacements need netty 4.2's IoHandler API.
    public EventLoopGroup eventLoops(int threads, ThreadFactory threadFactory) {
        return epoll ? new EpollEventLoopGroup(threads, threadFactory) : new NioEventLoopGroup(threads, threadFactory);
    }

    /** Listeners that admit only what {@code gate} admits and refuse with a reserve descriptor when none is left. */
    public ChannelFactory<ServerChannel> gated(ConnectionGate gate, PeerNames peers) {
        return () -> {
            if (epoll) {
                EpollServerSocketChannel listener = new EpollServerSocketChannel();
                listener.pipeline().addLast(new AcceptGate(gate, peers, () -> acceptAndClose(listener)));
                return listener;
            }
            NioListener listener = new NioListener();
            listener.pipeline().addLast(new AcceptGate(gate, peers, listener::acceptAndClose));
            return listener;
        };
    }

    private static boolean acceptAndClose(EpollServerSocketChannel listener) throws IOException {
        int accepted = ((Socket) listener.fd()).accept(new byte[26]);
        if (accepted < 0) {
            return false;
        }
        new FileDescriptor(accepted).close();
        return true;
    }

    /** NIO's listener, with access to its socket to refuse a waiting connection. */
    private static final class NioListener extends NioServerSocketChannel {
        boolean acceptAndClose() throws IOException {
            try (SocketChannel waiting = javaChannel().accept()) {
                return waiting != null;
            }
        }
    }
}
