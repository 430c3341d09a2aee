package io.pvscope.agent.server.connections;

import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Sits in the TCP listener's pipeline before gRPC's acceptor: hands on only the connections the {@link
 * ConnectionGate} admits (the others are closed at once), and survives running out of descriptors: the
 * waiting connection is refused with the {@link DescriptorReserve} and accepting pauses briefly instead of
 * failing. Works on either transport's listener (see {@link TcpListeners}).
 */
final class AcceptGate extends ChannelInboundHandlerAdapter {

    private static final long EXHAUSTED_PAUSE_MILLIS = 50;

    private final ConnectionGate gate;
    private final PeerNames peers;
    private final DescriptorReserve reserve = new DescriptorReserve();
    private final DescriptorReserve.WaitingConnection waiting;

    AcceptGate(ConnectionGate gate, PeerNames peers, DescriptorReserve.WaitingConnection waiting) {
        this.gate = gate;
        this.peers = peers;
        this.waiting = waiting;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object accepted) {
        Channel child = (Channel) accepted;
        if (!(child.remoteAddress() instanceof InetSocketAddress remote)
                || !(child.localAddress() instanceof InetSocketAddress local)) {
            // Gone before it could be named.
            child.unsafe().closeForcibly();
            return;
        }
        PeerNames.Peer named = peers.of(remote, local);
        String peer = named.name();
        if (!gate.admit(peer)) {
            child.unsafe().closeForcibly();
            return;
        }
        peers.remember(remote, named);
        child.closeFuture().addListener(closed -> {
            peers.forget(remote);
            gate.release(peer);
        });
        context.fireChannelRead(child);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (!(cause instanceof IOException io) || !DescriptorReserve.isExhaustion(io)) {
            context.fireExceptionCaught(cause);
            return;
        }
        if (reserve.refuseOne(waiting)) {
            gate.refusedForDescriptors();
        }
        // Descriptors may come back as connections close: look again shortly, without spinning meanwhile.
        Channel listener = context.channel();
        listener.config().setAutoRead(false);
        listener.eventLoop().schedule(() -> listener.config().setAutoRead(true), EXHAUSTED_PAUSE_MILLIS,
                TimeUnit.MILLISECONDS);
    }
}
