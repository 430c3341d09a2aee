package io.pvscope.agent.server.security;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.pvscope.agent.server.AuditLog;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

/**
 * Establishes who is calling before any service sees the call: a bearer token (checked first, so that a
 * wrong one is never silently ignored), else a client certificate the TLS handshake verified, else the
 * listener's local client. Failures are UNAUTHENTICATED (or PERMISSION_DENIED for a verified certificate
 * that no client entry names) and audited.
 */
public final class AuthInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    private final Supplier<AccessPolicy> policy;
    private final ListenerKind listener;
    private final AuditLog audit;

    public AuthInterceptor(Supplier<AccessPolicy> policy, ListenerKind listener, AuditLog audit) {
        this.policy = policy;
        this.listener = listener;
        this.audit = audit;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String peer = peerOf(call);
        AccessPolicy access = policy.get();
        String authorization = headers.get(AUTHORIZATION);
        Client client;
        String identity;
        if (authorization != null) {
            if (!authorization.startsWith(BEARER)) {
                return refuse(call, peer, "", Status.UNAUTHENTICATED,
                        "the authorization header must be 'Bearer TOKEN'");
            }
            Optional<Client> byToken = access.byToken(authorization.substring(BEARER.length()).strip());
            if (byToken.isEmpty()) {
                return refuse(call, peer, "", Status.UNAUTHENTICATED, "the bearer token is not one this agent"
                        + " accepts");
            }
            client = byToken.get();
            identity = client.name();
        } else if (verifiedSubject(call).isPresent()) {
            String subject = verifiedSubject(call).get();
            Optional<Client> bySubject = access.bySubject(subject);
            if (bySubject.isEmpty()) {
                return refuse(call, peer, subject, Status.PERMISSION_DENIED, "no client entry names the"
                        + " certificate subject '" + subject + "'");
            }
            client = bySubject.get();
            identity = subject;
        } else {
            boolean local = listener == ListenerKind.UNIX
                    || listener == ListenerKind.PLAINTEXT_LOOPBACK && !access.credentialsConfigured();
            Optional<Client> localClient = local ? access.local() : Optional.empty();
            if (localClient.isEmpty()) {
                return refuse(call, peer, "", Status.UNAUTHENTICATED, "credentials required: a bearer token"
                        + " (pvscope --token-file) or a client certificate");
            }
            client = localClient.get();
            identity = client.name();
        }
        Context context = new Caller(identity, peer, client.grant()).attach(Context.current());
        return Contexts.interceptCall(context, call, headers, next);
    }

    private <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String peer, String claimed,
                                                 Status status, String reason) {
        audit.authFailure(peer, claimed, call.getMethodDescriptor().getFullMethodName() + ": " + reason);
        call.close(status.withDescription(reason), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }

    private static Optional<String> verifiedSubject(ServerCall<?, ?> call) {
        SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
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

    private static String peerOf(ServerCall<?, ?> call) {
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        return remote == null ? "" : remote.toString();
    }
}
