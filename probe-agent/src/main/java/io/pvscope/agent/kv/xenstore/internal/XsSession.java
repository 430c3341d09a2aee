package io.pvscope.agent.kv.xenstore.internal;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.KvWatchListener;
import io.pvscope.agent.kv.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * XenStore's operations over a connection that is reopened when it broke, so a restarted daemon is reached
 * again without restarting the agent. Watches survive a reconnect: they are registered again, and their
 * listeners hear the daemon's initial event as a hint that changes may have been missed.
 */
public final class XsSession implements AutoCloseable {

    /** Opens a fresh byte stream to the daemon. */
    @FunctionalInterface
    public interface Opener {
        XsTransport open() throws IOException;
    }

    /** DIRECTORY_PART answers restart when the directory changes between chunks; give up after this many. */
    private static final int DIRECTORY_PART_ATTEMPTS = 8;

    private final Opener opener;
    private final String location;
    private final Duration timeout;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final AtomicLong nextToken = new AtomicLong(1);
    private final ExecutorService listeners;
    /** Written under the session's lock; read without it where a call must not wait for a reconnection. */
    private volatile XsConnection current;
    private volatile boolean closed;
    private boolean reconnecting;

    static final long RECONNECT_FIRST_MILLIS = 50;
    static final long RECONNECT_MAX_MILLIS = 2_000;

    public XsSession(Opener opener, String location, Duration timeout) {
        this.opener = opener;
        this.location = location;
        this.timeout = timeout;
        this.listeners = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "xenstore-watch " + location);
            thread.setDaemon(true);
            return thread;
        });
    }

    public String location() {
        return location;
    }

    /** A single request with the reply's payload; the building block of everything below. */
    public byte[] call(XsType type, int txId, byte[] payload) throws StoreException {
        return connection().call(type, txId, payload);
    }

    public byte[] read(int txId, String path) throws StoreException {
        return call(XsType.READ, txId, XsStrings.terminated(XsPaths.checked(path)));
    }

    /** {@link #read}, the reply handed over on the connection's reader thread: what follows must not block. */
    public CompletableFuture<byte[]> readAsync(int txId, String path) {
        return callAsync(XsType.READ, txId, path);
    }

    /**
     * {@link #readAsync} if the request can be sent at once, on the connection already open (see {@link
     * XsConnection#callIfRoom}); null if sending would wait for a connection, a write or room, and nothing
     * is sent then.
     */
    public CompletableFuture<byte[]> readIfRoom(int txId, String path) {
        XsConnection open = current;
        if (closed || open == null) {
            return null;
        }
        try {
            return open.callIfRoom(XsType.READ, txId, XsStrings.terminated(XsPaths.checked(path)));
        } catch (StoreException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A request about one path, answered on the reader thread; a bad path or no connection fails the stage. */
    private CompletableFuture<byte[]> callAsync(XsType type, int txId, String path) {
        try {
            return connection().callAsync(type, txId, XsStrings.terminated(XsPaths.checked(path)));
        } catch (StoreException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Whether a node has children, from one DIRECTORY request answered on the reader thread. A directory too
     * large for one reply (E2BIG) has children.
     */
    public CompletableFuture<Boolean> hasChildrenAsync(int txId, String path) {
        CompletableFuture<byte[]> reply = callAsync(XsType.DIRECTORY, txId, path);
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        reply.whenComplete((payload, failure) -> {
            if (failure == null) {
                try {
                    answer.complete(!strings(XsType.DIRECTORY, payload).isEmpty());
                } catch (StoreException e) {
                    answer.completeExceptionally(e);
                }
            } else if (failure instanceof StoreException e && e.errno() == Errno.E2BIG) {
                answer.complete(true);
            } else {
                answer.completeExceptionally(failure);
            }
        });
        return answer;
    }

    public void write(int txId, String path, byte[] value) throws StoreException {
        call(XsType.WRITE, txId, XsStrings.terminatedThen(XsPaths.checked(path), value));
    }

    public void mkdir(int txId, String path) throws StoreException {
        call(XsType.MKDIR, txId, XsStrings.terminated(XsPaths.checked(path)));
    }

    public void remove(int txId, String path) throws StoreException {
        call(XsType.RM, txId, XsStrings.terminated(XsPaths.checked(path)));
    }

    /** Permissions as XenStore spells them: the owner first ("n0"), then one entry per other domain ("r5"). */
    public List<String> permissions(int txId, String path) throws StoreException {
        return strings(XsType.GET_PERMS, call(XsType.GET_PERMS, txId, XsStrings.terminated(XsPaths.checked(path))));
    }

    /** The home of a domain, against which the daemon resolves that domain's relative paths. */
    public String domainPath(int domid) throws StoreException {
        byte[] reply = call(XsType.GET_DOMAIN_PATH, 0, XsStrings.terminated(Integer.toString(domid)));
        String path = XsStrings.single(reply);
        if (path == null) {
            throw new StoreException(Errno.EIO, "malformed GET_DOMAIN_PATH reply from " + location);
        }
        return path;
    }

    /**
     * A node's children. A directory too large for one reply (the daemon answers E2BIG) is fetched in parts
     * where the daemon offers DIRECTORY_PART; a daemon without it keeps its E2BIG.
     */
    public List<String> directory(int txId, String path) throws StoreException {
        XsPaths.checked(path);
        try {
            return strings(XsType.DIRECTORY, call(XsType.DIRECTORY, txId, XsStrings.terminated(path)));
        } catch (StoreException tooLarge) {
            if (tooLarge.errno() != Errno.E2BIG) {
                throw tooLarge;
            }
            try {
                return directoryInParts(txId, path);
            } catch (StoreException unsupported) {
                if (unsupported.errno() == Errno.EINVAL || unsupported.errno() == Errno.ENOSYS) {
                    throw tooLarge;
                }
                throw unsupported;
            }
        }
    }

    private List<String> directoryInParts(int txId, String path) throws StoreException {
        for (int attempt = 0; attempt < DIRECTORY_PART_ATTEMPTS; attempt++) {
            List<String> children = new ArrayList<>();
            String generation = null;
            int offset = 0;
            while (true) {
                byte[] reply = call(XsType.DIRECTORY_PART, txId, XsStrings.terminated(path, Integer.toString(offset)));
                List<String> fields = strings(XsType.DIRECTORY_PART, reply);
                if (fields.isEmpty()) {
                    throw new StoreException(Errno.EIO, "DIRECTORY_PART reply without generation from " + location);
                }
                if (generation == null) {
                    generation = fields.get(0);
                } else if (!generation.equals(fields.get(0))) {
                    break; // changed meanwhile: start over
                }
                List<String> names = fields.subList(1, fields.size());
                // The last part ends with an empty name (a double NUL).
                boolean last = !names.isEmpty() && names.get(names.size() - 1).isEmpty();
                List<String> chunk = last ? names.subList(0, names.size() - 1) : names;
                for (String name : chunk) {
                    children.add(name);
                    offset += name.getBytes(StandardCharsets.UTF_8).length + 1;
                }
                if (last) {
                    return children;
                }
                if (chunk.isEmpty()) {
                    throw new StoreException(Errno.EIO, "DIRECTORY_PART made no progress at " + path);
                }
            }
        }
        throw new StoreException(Errno.EAGAIN, path + " kept changing while it was listed in parts");
    }

    /**
     * Reports changed paths at and below {@code path} to {@code listener} (on one listener thread, in order)
     * until the returned handle is closed; also tells it when the daemon went away ({@link
     * KvWatchListener#lost}: the session then reconnects by itself, with back-off) and when the watch is in
     * place again on a new connection ({@link KvWatchListener#resumed}).
     */
    public AutoCloseable observe(String path, KvWatchListener listener) throws StoreException {
        XsPaths.checked(path);
        Watch watch = new Watch(path, "pvscope-" + nextToken.getAndIncrement(), listener);
        // Connect before the watch is known, or a fresh connection would register it a second time.
        XsConnection connection = connection();
        watches.put(watch.token, watch);
        try {
            register(connection, watch, true);
        } catch (StoreException e) {
            watches.remove(watch.token);
            throw e;
        }
        return () -> unwatch(watch);
    }

    private void register(XsConnection connection, Watch watch, boolean hideInitialEvent) throws StoreException {
        watch.hideNextEvent.set(hideInitialEvent);
        try {
            connection.call(XsType.WATCH, 0, XsStrings.terminated(watch.path, watch.token));
        } catch (StoreException e) {
            // EEXIST: a reconnect in another thread registered it first; the watch is in place.
            if (e.errno() != Errno.EEXIST) {
                throw e;
            }
        }
    }

    private void unwatch(Watch watch) throws StoreException {
        if (watches.remove(watch.token) == null) {
            return;
        }
        XsConnection connection;
        synchronized (this) {
            connection = current;
        }
        if (connection != null && connection.isOpen()) {
            connection.call(XsType.UNWATCH, 0, XsStrings.terminated(watch.path, watch.token));
        }
    }

    private void onWatchEvent(String path, String token) {
        Watch watch = watches.get(token);
        if (watch == null || watch.hideNextEvent.getAndSet(false)) {
            return;
        }
        tell(watch, listener -> listener.changed(path));
    }

    private void tell(Watch watch, Consumer<KvWatchListener> message) {
        try {
            listeners.execute(() -> {
                if (watches.containsKey(watch.token)) {
                    message.accept(watch.listener);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // The session is closed: nobody listens any more.
        }
    }

    /** From the reader of a connection that broke: tell the watches, and reconnect while any is left. */
    private void connectionBroke(XsConnection which, String why) {
        synchronized (this) {
            // An open connection made since has registered the watches again and told them so; one that could
            // not be made (current null) has not, and the watches must hear of the loss all the same.
            if (closed || watches.isEmpty() || which != current && current != null && current.isOpen()) {
                return;
            }
        }
        StoreException lost = new StoreException(Errno.EIO, "xenstored at " + location + ": " + why);
        watches.values().forEach(watch -> tell(watch, listener -> listener.lost(lost)));
        startReconnecting();
    }

    private synchronized void startReconnecting() {
        if (reconnecting || closed) {
            return;
        }
        reconnecting = true;
        Thread thread = new Thread(this::reconnect, "xenstore-reconnect " + location);
        thread.setDaemon(true);
        thread.start();
    }

    /** Tries again after 50 ms, then twice as long each time up to 2 s, until the daemon answers. */
    private void reconnect() {
        long delayMillis = RECONNECT_FIRST_MILLIS;
        try {
            while (true) {
                Thread.sleep(delayMillis);
                synchronized (this) {
                    if (closed || watches.isEmpty() || current != null && current.isOpen()) {
                        return;
                    }
                }
                try {
                    XsConnection made = connection();
                    if (made.isOpen()) {
                        return;
                    }
                    // A daemon that closed the connection at once (still starting, or gone again): try again.
                } catch (StoreException stillDown) {
                    // Not answering yet.
                }
                delayMillis = Math.min(delayMillis * 2, RECONNECT_MAX_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            boolean again;
            synchronized (this) {
                reconnecting = false;
                // A break reported while this thread was finishing found it still running and was dropped.
                again = !closed && !watches.isEmpty() && (current == null || !current.isOpen());
            }
            if (again && !Thread.currentThread().isInterrupted()) {
                startReconnecting();
            }
        }
    }

    private synchronized XsConnection connection() throws StoreException {
        if (closed) {
            throw new StoreException(Errno.EIO, "XenStore session for " + location + " is closed");
        }
        if (current != null && current.isOpen()) {
            return current;
        }
        if (current != null) {
            current.close();
        }
        XsTransport transport;
        try {
            transport = opener.open();
        } catch (IOException | RuntimeException e) {
            current = null;
            throw new StoreException(Errno.EIO, "cannot reach xenstored at " + location + ": " + e.getMessage(), e);
        }
        XsConnection[] made = new XsConnection[1];
        made[0] = new XsConnection(transport, location, timeout, this::onWatchEvent,
                why -> connectionBroke(made[0], why));
        current = made[0];
        // Watches left from a connection that broke: registered again, and told so (the daemon's initial
        // event is hidden: "resumed" says more, that anything may have changed).
        for (Watch watch : watches.values()) {
            register(current, watch, true);
        }
        watches.values().forEach(watch -> tell(watch, KvWatchListener::resumed));
        if (!current.isOpen()) {
            connectionBroke(current, current.brokenBecause());
        }
        return current;
    }

    private static List<String> strings(XsType type, byte[] payload) throws StoreException {
        List<String> strings = XsStrings.split(payload);
        if (strings == null) {
            throw new StoreException(Errno.EIO, type + " reply without its terminating NUL");
        }
        return strings;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (current != null) {
                current.close();
            }
        }
        watches.clear();
        listeners.shutdownNow();
    }

    private static final class Watch {
        final String path;
        final String token;
        final KvWatchListener listener;
        final AtomicBoolean hideNextEvent = new AtomicBoolean();

        Watch(String path, String token, KvWatchListener listener) {
            this.path = path;
            this.token = token;
            this.listener = listener;
        }
    }
}
