package io.pvscope.agent.server.connections;

import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The TCP listener: accepts as Netty's does, but only connections that the {@link ConnectionGate} admits
 * (the others are closed at once), and survives running out of descriptors: the waiting connection is
 * refused with the {@link DescriptorReserve} and accepting pauses briefly instead of failing.
 */
public final class GatedTcpServerChannel extends NioServerSocketChannel {

    private static final long EXHAUSTED_PAUSE_MILLIS = 50;

    private final ConnectionGate gate;
    private final PeerNames peers;
    private final DescriptorReserve reserve = new DescriptorReserve();

    public GatedTcpServerChannel(ConnectionGate gate, PeerNames peers) {
        this.gate = gate;
        this.peers = peers;
    }

    @Override
    protected int doReadMessages(List<Object> accepted) throws Exception {
        SocketChannel socket;
        try {
            socket = javaChannel().accept();
        } catch (IOException e) {
            if (!DescriptorReserve.isExhaustion(e)) {
                throw e;
            }
            if (reserve.refuseOne(javaChannel())) {
                gate.refusedForDescriptors();
            }
            pauseAccepting();
            return 0;
        }
        if (socket == null) {
            return 0;
        }
        PeerNames.Peer named;
        InetSocketAddress remote;
        try {
            remote = (InetSocketAddress) socket.getRemoteAddress();
            named = peers.of(remote, (InetSocketAddress) socket.getLocalAddress());
        } catch (IOException gone) {
            closeQuietly(socket);
            return 0;
        }
        String peer = named.name();
        if (!gate.admit(peer)) {
            closeQuietly(socket);
            return 0;
        }
        NioSocketChannel child;
        try {
            child = new NioSocketChannel(this, socket);
        } catch (RuntimeException e) {
            // Counted but never handed on: give the place back, or it would be held for ever.
            gate.release(peer);
            closeQuietly(socket);
            return 0;
        }
        peers.remember(remote, named);
        child.closeFuture().addListener(closed -> {
            peers.forget(remote);
            gate.release(peer);
        });
        accepted.add(child);
        return 1;
    }

    /** Descriptors may come back as connections close: look again shortly, without spinning meanwhile. */
    private void pauseAccepting() {
        config().setAutoRead(false);
        eventLoop().schedule(() -> config().setAutoRead(true), EXHAUSTED_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static void closeQuietly(SocketChannel socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Refused either way.
        }
    }
}
