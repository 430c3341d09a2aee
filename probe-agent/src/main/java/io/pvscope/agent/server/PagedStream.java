package io.pvscope.agent.server;

import io.grpc.stub.ServerCallStreamObserver;
import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.server.connections.DeadlineQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server stream of pages made one at a time, each only once the client can take it (HTTP/2 flow control).
 * Pages are made while the stream is ready and the next ones when gRPC says it is ready again: no thread waits
 * for a slow client. (A loop that waited on the call's thread could not be told: gRPC delivers the ready
 * signal on that very thread, so each stall cost a 100 ms poll, and a fast store made a listing slower.) A
 * client that takes nothing for {@link #STALLED_NANOS} ends the stream DEADLINE_EXCEEDED.
 *
 * @param <T> the message type
 */
final class PagedStream<T> {

    static final long STALLED_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** One page and how many items it took. */
    record Page<T>(T message, int count) {
    }

    /** Makes the page that starts at item {@code from}; runs on the call's thread, one page at a time. */
    interface Pages<T> {
        Page<T> from(int from) throws StoreException;
    }

    private final ServerCallStreamObserver<T> out;
    private final DeadlineQueue stalls;
    private final int items;
    private final Pages<T> pages;
    private final T empty;

    /** Guarded by this: the stream has ended (completed, failed, cancelled, or stalled too long). */
    private boolean ended;
    /** Only the call's thread makes pages, one pump at a time (gRPC serialises a call's callbacks). */
    private int next;
    private DeadlineQueue.Entry stall;

    /**
     * @param items how many items the pages hold together
     * @param empty what is sent when there are none (a stream always carries one message)
     */
    PagedStream(ServerCallStreamObserver<T> out, DeadlineQueue stalls, int items, Pages<T> pages, T empty) {
        this.out = out;
        this.stalls = stalls;
        this.items = items;
        this.pages = pages;
        this.empty = empty;
    }

    /** To be called while the service method runs: gRPC takes the handlers only then. */
    void start() {
        out.setOnCancelHandler(() -> end(null));
        out.setOnReadyHandler(this::pump);
        if (items == 0) {
            synchronized (this) {
                out.onNext(empty);
                ended = true;
                out.onCompleted();
            }
            return;
        }
        pump();
    }

    private void pump() {
        while (true) {
            synchronized (this) {
                if (ended) {
                    return;
                }
                if (stall != null) {
                    stall.settle();
                    stall = null;
                }
                if (!out.isReady()) {
                    stall = stalls.add(STALLED_NANOS, () -> end(new StoreException(Errno.ETIMEDOUT,
                            "the client read nothing of this stream for "
                                    + TimeUnit.NANOSECONDS.toSeconds(STALLED_NANOS) + " s")));
                    return;
                }
            }
            Page<T> page;
            try {
                page = pages.from(next);
            } catch (StoreException | RuntimeException e) {
                end(e);
                return;
            }
            synchronized (this) {
                if (ended) {
                    return;
                }
                out.onNext(page.message());
                next += page.count();
                if (next >= items) {
                    ended = true;
                    out.onCompleted();
                    return;
                }
            }
        }
    }

    /** Ends the stream with {@code why}, or quietly (null: the client cancelled) unless it ended already. */
    private synchronized void end(Exception why) {
        if (ended) {
            return;
        }
        ended = true;
        if (stall != null) {
            stall.settle();
        }
        if (why != null) {
            out.onError(ErrorStatuses.failure(why));
        }
    }
}
