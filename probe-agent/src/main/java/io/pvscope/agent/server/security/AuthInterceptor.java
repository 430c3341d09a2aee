package io.pvscope.agent.server.security;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;
import io.pvscope.agent.server.AuditLog;
import io.pvscope.agent.server.ErrorStatuses;
import io.pvscope.agent.server.connections.PeerNames;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

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
    private final OpenStreams streams;
    private final AuthFailures failures;
    private final PeerNames peerNames;

    public AuthInterceptor(Supplier<AccessPolicy> policy, ListenerKind listener, AuditLog audit,
                           OpenStreams streams, PeerNames peerNames) {
        this.policy = policy;
        this.listener = listener;
        this.audit = audit;
        this.streams = streams;
        this.peerNames = peerNames;
        this.failures = new AuthFailures(System::nanoTime);
    }

    /**
     * The transport filter to add to the server this interceptor guards: it works out each connection's peer
     * and certificate once, when the connection is ready, instead of at every call.
     */
    public ServerTransportFilter connectionRecorder() {
        return new ConnectionIdentity.Recorder(listener, peerNames);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        ConnectionIdentity connection = ConnectionIdentity.of(call, listener, peerNames);
        String peer = connection.peer();
        PeerNames.Peer limitedBy = connection.limitedBy();
        String limited = limitedBy.name();
        if (!failures.isEmpty()) {
            Optional<AuthFailures.Block> block = failures.blocked(limited);
            if (block.isPresent()) {
                return refuseBlocked(call, limited, block.get());
            }
        }
        AccessPolicy access = policy.get();
        Iterable<String> authorizations = headers.getAll(AUTHORIZATION);
        if (authorizations != null && authorizations.iterator().hasNext()) {
            var each = authorizations.iterator();
            each.next();
            if (each.hasNext()) {
                // Which one would count is a matter of parsing order: refuse rather than pick.
                return refuse(call, peer, limited, "", Status.UNAUTHENTICATED, "more than one authorization header");
            }
        }
        String authorization = headers.get(AUTHORIZATION);
        Client client;
        String identity;
        Predicate<AccessPolicy> stillAllowed;
        if (authorization != null) {
            if (!authorization.startsWith(BEARER)) {
                return refuse(call, peer, limited, "", Status.UNAUTHENTICATED,
                        "the authorization header must be 'Bearer TOKEN'");
            }
            String token = authorization.substring(BEARER.length()).strip();
            Optional<Client> byToken = access.byToken(token);
            if (byToken.isEmpty()) {
                return refuse(call, peer, limited, "", Status.UNAUTHENTICATED, "the bearer token is not one this agent"
                        + " accepts");
            }
            client = byToken.get();
            identity = client.name();
            Client matched = client;
            stillAllowed = reloaded -> reloaded.byToken(token).filter(again -> sameClient(matched, again)).isPresent();
        } else if (connection.subject().isPresent()) {
            String subject = connection.subject().get();
            Optional<Client> bySubject = access.bySubject(subject);
            if (bySubject.isEmpty()) {
                return refuse(call, peer, limited, subject, Status.PERMISSION_DENIED, "no client entry names the"
                        + " certificate subject '" + subject + "'");
            }
            client = bySubject.get();
            identity = subject;
            Client matched = client;
            stillAllowed = reloaded -> reloaded.bySubject(subject).filter(again -> sameClient(matched, again)).isPresent();
        } else {
            Optional<Client> localClient = localClient(access);
            if (localClient.isEmpty()) {
                return refuse(call, peer, limited, "", Status.UNAUTHENTICATED, "credentials required: a bearer token"
                        + " (pvscope --token-file) or a client certificate");
            }
            client = localClient.get();
            identity = client.name();
            Client matched = client;
            stillAllowed = reloaded -> localClient(reloaded).filter(again -> sameClient(matched, again)).isPresent();
        }
        if (!failures.isEmpty()) {
            failures.succeeded(limited);
        }
        // Every local user is the one local client: on loopback TCP its limits are counted per user.
        boolean localTcp = client.proof() == Client.Proof.LOCAL && listener != ListenerKind.UNIX;
        String accountable = localTcp ? identity + " (" + limited + ")" : identity;
        int systemUser = localTcp && !client.everyLocalUser() ? limitedBy.uid() : -1;
        Caller caller = new Caller(identity, peer, client.grant(), accountable, systemUser);
        Context context = caller.attach(Context.current());
        if (call.getMethodDescriptor().getType() == MethodDescriptor.MethodType.UNARY) {
            return Contexts.interceptCall(context, call, headers, next);
        }
        OpenStreams.Tracked<Q, R> tracked = streams.track(call, caller, stillAllowed);
        return tracked.listener(Contexts.interceptCall(context, tracked.call(), headers, next));
    }

    /** The listener's local client under {@code access}: on the Unix socket, or loopback without credentials. */
    private Optional<Client> localClient(AccessPolicy access) {
        boolean local = listener == ListenerKind.UNIX
                || listener == ListenerKind.PLAINTEXT_LOOPBACK && !access.credentialsConfigured();
        return local ? access.local() : Optional.empty();
    }

    /** The same entry after a reload: same name and grant (the credential was matched by the lookup). */
    private static boolean sameClient(Client before, Client after) {
        return before.name().equals(after.name()) && before.grant().equals(after.grant());
    }

    private <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String peer, String limited,
                                                 String claimed, Status status, String reason) {
        audit.authFailure(peer, claimed, call.getMethodDescriptor().getFullMethodName() + ": " + reason);
        long refusedBefore = failures.refusedWhileBlocked(limited);
        if (failures.failed(limited)) {
            audit.authFailure(peer, claimed, AuthFailures.ALLOWED_FAILURES + " failed authentications from "
                    + limited + " within " + TimeUnit.NANOSECONDS.toSeconds(AuthFailures.WINDOW_NANOS)
                    + " s: its calls are refused unchecked for a while (" + refusedBefore
                    + " were refused during its previous block)");
        }
        call.close(status.withDescription(reason), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }

    /** Refused without looking at the credentials; audited once per block, in the line that started it. */
    private <Q, R> ServerCall.Listener<Q> refuseBlocked(ServerCall<Q, R> call, String limited,
                                                        AuthFailures.Block block) {
        var refusal = ErrorStatuses.limit(Status.Code.RESOURCE_EXHAUSTED, "failed_authentications",
                "too many failed authentications from " + limited + "; retry in " + Math.max(1,
                        block.remainingMillis()) + " ms");
        call.close(refusal.getStatus(), refusal.getTrailers() == null ? new Metadata() : refusal.getTrailers());
        return new ServerCall.Listener<>() {
        };
    }
}
