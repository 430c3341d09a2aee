package io.pvscope.agent.kv.xenstore.internal;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One connection to xenstored, shared by many threads. Requests carry a fresh req_id; a reader thread matches
 * replies to them and hands WATCH_EVENTs (which carry no useful req_id) to the event sink. When the stream
 * breaks, every waiting and later call fails with EIO: the owner then opens a new connection.
 */
public final class XsConnection implements AutoCloseable {

    private final XsTransport transport;
    private final String location;
    private final Duration timeout;
    private final BiConsumer<String, String> watchEvents;
    private final Map<Integer, CompletableFuture<XsMessage>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextReqId = new AtomicInteger(1);
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Requests written and not answered yet (timed out or not): what xenstored may not have read. */
    private final AtomicInteger unanswered = new AtomicInteger();
    private final Thread reader;
    private final Consumer<String> broken;
    private volatile String brokenBecause;
    private volatile boolean closing;

    /**
     * @param watchEvents receives (path, token) of each watch event, on the reader thread: it must not block
     */
    public XsConnection(XsTransport transport, String location, Duration timeout,
            BiConsumer<String, String> watchEvents) {
        this(transport, location, timeout, watchEvents, why -> { });
    }

    /**
     * @param broken told once, with the reason, when the stream breaks (not when it is closed); on the
     *               thread that noticed: it must not block
     */
    public XsConnection(XsTransport transport, String location, Duration timeout,
            BiConsumer<String, String> watchEvents, Consumer<String> broken) {
        this.transport = transport;
        this.location = location;
        this.timeout = timeout;
        this.watchEvents = watchEvents;
        this.broken = broken;
        this.reader = new Thread(this::readReplies, "xenstore-reader " + location);
        reader.setDaemon(true);
        reader.start();
    }

    public boolean isOpen() {
        return brokenBecause == null;
    }

    /** Sends a request and returns the reply's payload, or fails with the errno xenstored named. */
    public byte[] call(XsType type, int txId, byte[] payload) throws StoreException {
        CompletableFuture<XsMessage> reply = new CompletableFuture<>();
        int reqId = send(type, txId, payload, reply, false);
        try {
            return payloadOf(type, reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            throw noAnswer(type);
        } catch (ExecutionException e) {
            throw ioError(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(Errno.EIO, type + " interrupted");
        } finally {
            pending.remove(reqId);
        }
    }

    /**
     * Sends a request from the calling thread and completes the returned stage with the reply's payload on the
     * reader thread, or with a {@link StoreException} (the errno xenstored named; EIO when the stream broke;
     * ETIMEDOUT after the timeout).
     */
    public CompletableFuture<byte[]> callAsync(XsType type, int txId, byte[] payload) {
        return sent(type, txId, payload, false);
    }

    /**
     * Most requests left unanswered for {@link #callIfRoom} to add one: their bytes, at most this many
     * payloads of {@link XsMessage#PAYLOAD_MAX} and their buffers' overhead, stay well inside a Unix socket's
     * send buffer (about 208 KiB by default), so that writing one more cannot block even when xenstored has
     * stopped reading.
     */
    public static final int MAX_UNANSWERED_FOR_NO_WAIT = 16;

    /**
     * {@link #callAsync} when the request can be written without waiting: the stream open, no other write in
     * progress, and fewer than {@link #MAX_UNANSWERED_FOR_NO_WAIT} requests unanswered. Null otherwise, and
     * nothing is sent; a request refused at once (too large, stream broken) fails the stage.
     */
    public CompletableFuture<byte[]> callIfRoom(XsType type, int txId, byte[] payload) {
        if (brokenBecause != null || unanswered.get() >= MAX_UNANSWERED_FOR_NO_WAIT) {
            return null;
        }
        return sent(type, txId, payload, true);
    }

    /**
     * Sends a request (see {@link #send}) and returns the reply's payload as it comes, or the failure; the req_id
     * is forgotten when it completes. Null if {@code onlyIfFree} and another write was in progress.
     */
    private CompletableFuture<byte[]> sent(XsType type, int txId, byte[] payload, boolean onlyIfFree) {
        CompletableFuture<XsMessage> reply = new CompletableFuture<>();
        int reqId;
        try {
            reqId = send(type, txId, payload, reply, onlyIfFree);
        } catch (StoreException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (reqId < 0) {
            return null;
        }
        CompletableFuture<byte[]> answer = new CompletableFuture<>();
        reply.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((message, failure) -> {
            pending.remove(reqId);
            if (failure == null) {
                try {
                    answer.complete(payloadOf(type, message));
                } catch (StoreException e) {
                    answer.completeExceptionally(e);
                }
            } else if (failure instanceof TimeoutException) {
                answer.completeExceptionally(noAnswer(type));
            } else {
                answer.completeExceptionally(ioError(failure.getMessage()));
            }
        });
        return answer;
    }

    /**
     * Writes a request under a fresh req_id whose reply will complete {@code reply}; the caller removes the
     * req_id from the pending ones when it is done waiting. A failed write breaks the stream (EIO). With
     * {@code onlyIfFree}, returns -1 without writing if another write is in progress.
     */
    private int send(XsType type, int txId, byte[] payload, CompletableFuture<XsMessage> reply, boolean onlyIfFree)
            throws StoreException {
        if (payload.length > XsMessage.PAYLOAD_MAX) {
            throw new StoreException(Errno.E2BIG, type + " request of " + payload.length
                    + " bytes is above XenStore's payload limit of " + XsMessage.PAYLOAD_MAX);
        }
        if (onlyIfFree) {
            if (!writeLock.tryLock()) {
                return -1;
            }
        } else {
            writeLock.lock();
        }
        int reqId = nextReqId.getAndIncrement();
        pending.put(reqId, reply);
        IOException failed;
        try {
            ensureOpen();
            unanswered.incrementAndGet();
            transport.write(new XsMessage(type, reqId, txId, payload).encode());
            return reqId;
        } catch (IOException e) {
            failed = e;
        } catch (StoreException e) {
            pending.remove(reqId);
            throw e;
        } finally {
            writeLock.unlock();
        }
        // Broken outside the write lock: what the break tells (waiting calls, the session) may take locks of its own.
        pending.remove(reqId);
        breakWith("write failed: " + failed.getMessage());
        throw ioError(failed.getMessage());
    }

    private StoreException noAnswer(XsType type) {
        return new StoreException(Errno.ETIMEDOUT, "xenstored at " + location + " did not answer " + type
                + " within " + timeout.toMillis() + " ms");
    }

    private byte[] payloadOf(XsType request, XsMessage reply) throws StoreException {
        if (reply.type() == XsType.ERROR) {
            String name = XsStrings.single(reply.payload());
            if (name == null) {
                throw ioError("malformed error reply to " + request);
            }
            throw new StoreException(Errno.byName(name), "xenstored refused " + request + ": " + name);
        }
        if (reply.type() != request) {
            throw ioError("reply of type " + reply.type() + " to " + request);
        }
        return reply.payload();
    }

    private void ensureOpen() throws StoreException {
        String why = brokenBecause;
        if (why != null) {
            throw ioError(why);
        }
    }

    private StoreException ioError(String why) {
        return new StoreException(Errno.EIO, "xenstored at " + location + ": " + why);
    }

    private void readReplies() {
        XsFrameReader frames = new XsFrameReader(transport);
        try {
            while (true) {
                XsMessage message = frames.next();
                if (message.type() == XsType.WATCH_EVENT) {
                    deliverEvent(message);
                } else {
                    unanswered.decrementAndGet();
                    CompletableFuture<XsMessage> waiting = pending.get(message.reqId());
                    if (waiting != null) {
                        waiting.complete(message);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            breakWith(brokenBecause != null ? brokenBecause
                    : e instanceof XsProtocolException ? "malformed reply: " + e.getMessage()
                    : "connection lost: " + e.getMessage());
        }
    }

    private void deliverEvent(XsMessage message) {
        List<String> fields = XsStrings.split(message.payload());
        if (fields != null && fields.size() >= 2) {
            watchEvents.accept(fields.get(0), fields.get(1));
        }
    }

    private void breakWith(String why) {
        boolean first;
        synchronized (this) {
            first = brokenBecause == null;
            if (first) {
                brokenBecause = why;
            }
        }
        try {
            transport.close();
        } catch (IOException e) {
            // Already broken; nothing more to learn from the close.
        }
        // The session hears first: a waiting call's failure may ask the store again at once, and the session
        // must know by then which connection broke.
        if (first && !closing) {
            broken.accept(why);
        }
        IOException cause = new IOException(brokenBecause);
        pending.values().forEach(reply -> reply.completeExceptionally(cause));
    }

    /** Why the stream broke; null while it is open. */
    public String brokenBecause() {
        return brokenBecause;
    }

    @Override
    public void close() {
        closing = true;
        breakWith("connection closed");
    }
}
