package io.pvscope.agent.server.security;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.ServerCall;
import io.grpc.ServerTransportFilter;
import io.pvscope.agent.server.connections.PeerNames;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

/**
 * What authentication needs to know about a connection, worked out once when the connection is ready rather
 * than at every call on it: the peer as audit lines name it, whom failure limits count against, and the
 * subject of the client certificate the TLS handshake verified. None of them can change while the connection
 * lasts (the agent speaks TLS 1.3 only, which has no renegotiation).
 *
 * @param peer      the remote address as text, empty when the transport has none
 * @param limitedBy whom authentication failures count against (see {@link PeerNames})
 * @param subject   the verified client certificate's subject (RFC 2253), if the client sent one
 */
record ConnectionIdentity(String peer, PeerNames.Peer limitedBy, Optional<String> subject) {

    static final Attributes.Key<ConnectionIdentity> KEY = Attributes.Key.create("pvscope-connection-identity");

    /** The identity of the call's connection: as the filter recorded it, or worked out now if it did not. */
    static ConnectionIdentity of(ServerCall<?, ?> call, ListenerKind listener, PeerNames peerNames) {
        Attributes attributes = call.getAttributes();
        ConnectionIdentity known = attributes.get(KEY);
        return known != null ? known : of(attributes, listener, peerNames);
    }

    static ConnectionIdentity of(Attributes attributes, ListenerKind listener, PeerNames peerNames) {
        SocketAddress remote = attributes.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        SocketAddress local = attributes.get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR);
        PeerNames.Peer limitedBy;
        if (remote instanceof InetSocketAddress from && local instanceof InetSocketAddress to) {
            limitedBy = peerNames.of(from, to);
        } else {
            limitedBy = new PeerNames.Peer(listener == ListenerKind.UNIX ? "the Unix socket" : String.valueOf(remote),
                    -1);
        }
        return new ConnectionIdentity(remote == null ? "" : remote.toString(), limitedBy,
                verifiedSubject(attributes.get(Grpc.TRANSPORT_ATTR_SSL_SESSION)));
    }

    private static Optional<String> verifiedSubject(SSLSession session) {
        if (session == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                return Optional.of(leaf.getSubjectX500Principal().getName(X500Principal.RFC2253));
            }
        } catch (SSLPeerUnverifiedException e) {
            // The client sent no certificate (client authentication is optional at the TLS level).
        }
        return Optional.empty();
    }

    /** Records each connection's identity among its attributes when it is ready, for its calls to read. */
    static final class Recorder extends ServerTransportFilter {

        private final ListenerKind listener;
        private final PeerNames peerNames;

        Recorder(ListenerKind listener, PeerNames peerNames) {
            this.listener = listener;
            this.peerNames = peerNames;
        }

        @Override
        public Attributes transportReady(Attributes attributes) {
            return attributes.toBuilder().set(KEY, of(attributes, listener, peerNames)).build();
        }
    }
}
