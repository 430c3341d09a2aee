package io.pvscope.agent.server.security;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.pvscope.agent.server.AuditLog;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The streaming calls in progress (watches, lists, device watches), each with a way to tell whether its
 * caller would still be let in. A reload checks every one against the new clients: a stream whose client was
 * removed, whose credential is no longer accepted or whose grant changed ends PERMISSION_DENIED at once,
 * rather than go on delivering what the configuration no longer allows (a client with its grant changed
 * simply watches again, under the new one).
 */
public final class OpenStreams {

    private final AuditLog audit;
    private final Set<Stream<?, ?>> streams = ConcurrentHashMap.newKeySet();

    public OpenStreams(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * Follows {@code call} until it ends; {@code allowed} says whether the caller, authenticated as
     * {@code caller}, would be let in with the same grant by a given set of clients.
     */
    <Q, R> Tracked<Q, R> track(ServerCall<Q, R> call, Caller caller, Predicate<AccessPolicy> allowed) {
        Stream<Q, R> stream = new Stream<>(call, caller, allowed);
        streams.add(stream);
        return new Tracked<>(stream);
    }

    /** Ends the streams that {@code next} would not let in; returns how many. */
    public int revalidate(AccessPolicy next) {
        List<Stream<?, ?>> revoked = streams.stream().filter(stream -> !stream.allowed.test(next)).toList();
        for (Stream<?, ?> stream : revoked) {
            streams.remove(stream);
            String reason = "'" + stream.caller.identity() + "' is no longer allowed this call (the configuration"
                    + " was reloaded: its client, credential or grant changed)";
            audit.refusedCall(stream.getMethodDescriptor().getFullMethodName(), stream.caller.peer(),
                    stream.caller.identity(), "revoked", reason);
            stream.revoke(Status.PERMISSION_DENIED.withDescription(reason));
        }
        return revoked.size();
    }

    public int size() {
        return streams.size();
    }

    /** What the interceptor hands on: the call to serve and a way to wrap its listener. */
    final class Tracked<Q, R> {
        private final Stream<Q, R> stream;

        private Tracked(Stream<Q, R> stream) {
            this.stream = stream;
        }

        ServerCall<Q, R> call() {
            return stream;
        }

        /** Forgets the stream when it ends; after a revocation the service hears a cancellation and stops. */
        ServerCall.Listener<Q> listener(ServerCall.Listener<Q> delegate) {
            stream.listener = delegate;
            return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
                @Override
                public void onComplete() {
                    streams.remove(stream);
                    if (!stream.revoked) {
                        super.onComplete();
                    }
                }

                @Override
                public void onCancel() {
                    streams.remove(stream);
                    if (!stream.revoked) {
                        super.onCancel();
                    }
                }
            };
        }
    }

    /**
     * A call whose sends and close are serialised, so that a revocation from the reload's thread never
     * interleaves with the service's own sends; once revoked, what the service still sends is dropped.
     */
    private static final class Stream<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
        final Caller caller;
        final Predicate<AccessPolicy> allowed;
        volatile ServerCall.Listener<Q> listener;
        volatile boolean revoked;

        Stream(ServerCall<Q, R> call, Caller caller, Predicate<AccessPolicy> allowed) {
            super(call);
            this.caller = caller;
            this.allowed = allowed;
        }

        @Override
        public synchronized void sendHeaders(Metadata headers) {
            if (!revoked) {
                super.sendHeaders(headers);
            }
        }

        @Override
        public synchronized void sendMessage(R message) {
            if (!revoked) {
                super.sendMessage(message);
            }
        }

        @Override
        public synchronized void close(Status status, Metadata trailers) {
            if (!revoked) {
                super.close(status, trailers);
            }
        }

        @Override
        public synchronized boolean isReady() {
            return !revoked && super.isReady();
        }

        void revoke(Status status) {
            synchronized (this) {
                if (revoked) {
                    return;
                }
                revoked = true;
                super.close(status, new Metadata());
            }
            // The service stops as it would for a client that went away (watches unsubscribe, timers stop).
            ServerCall.Listener<Q> service = listener;
            if (service != null) {
                service.onCancel();
            }
        }
    }
}
