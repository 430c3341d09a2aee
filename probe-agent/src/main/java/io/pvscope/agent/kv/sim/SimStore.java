package io.pvscope.agent.kv.sim;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.KvValue;
import io.pvscope.agent.kv.KvWatchListener;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.kv.StoreInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The built-in simulated store: a XenStore-like tree kept in a file, for demos and for developing against no
 * hypervisor. It is a user feature and says so: its kind is "sim" and it is always marked simulated.
 * Reads follow OpenBSD's xs_kvop: a node with a value reads as that value, a node without one reads as its
 * children's names joined by "\n". Writes create missing parents, as xenstored does, and are acknowledged
 * only once the file on disk holds them.
 */
public final class SimStore implements KvStore {

    /** PVBUS_KVOP_MAXSIZE: the largest value the pvbus ioctls carry. */
    public static final int MAX_VALUE_BYTES = 64 * 1024;

    private final SimTreeFile file;
    private final SimStoreLock lock;
    private final SimNodes nodes = new SimNodes();
    /** Readers share the tree; a reload or a change has it alone. */
    private final ReentrantReadWriteLock memory = new ReentrantReadWriteLock();
    /** Whether this thread runs inside {@link #inOneView}: its reads skip the file's check. */
    private final ThreadLocal<Boolean> inView = ThreadLocal.withInitial(() -> false);
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
    private long generation = -1;

    private SimStore(SimTreeFile file, SimStoreLock lock) {
        this.file = file;
        this.lock = lock;
    }

    /**
     * Opens the store in {@code path}, creating it with the example tree when the file does not exist. On a
     * file system already mounted read-only an existing store is opened for reading only (writes fail EROFS);
     * one that does not exist there cannot be made, and opening it fails.
     */
    public static SimStore open(Path path) throws IOException {
        SimTreeFile file = new SimTreeFile(path);
        SimStore store = new SimStore(file, SimStoreLock.open(file.path()));
        if (store.lock.readOnly()) {
            return store.openReadOnly();
        }
        try (FileLock held = store.lock.exclusive()) {
            if (file.exists()) {
                store.nodes.replaceWith(file.load());
            } else {
                SimSeed.EXAMPLE.forEach((key, value) -> store.put(key, value.getBytes(StandardCharsets.UTF_8)));
                file.save(store.nodes.map());
                store.lock.advance(store.lock.generation() + 1);
            }
            store.generation = store.lock.generation();
        } catch (IOException | RuntimeException e) {
            store.lock.close();
            throw e;
        }
        return store;
    }

    private SimStore openReadOnly() throws IOException {
        try (FileLock held = lock.shared()) {
            if (!file.exists()) {
                throw new IOException(file.path() + ": cannot create the simulated store: Read-only file system");
            }
            nodes.replaceWith(file.load());
            generation = lock.generation();
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        return this;
    }

    /** Another process wrote since we last looked: load its tree and tell our watchers what changed. */
    private void reloadIfStale() throws IOException {
        long onDisk = lock.generation();
        if (onDisk == generation) {
            return;
        }
        TreeMap<String, byte[]> before = new TreeMap<>(nodes.map());
        nodes.replaceWith(file.load());
        generation = onDisk;
        for (String path : changedPaths(before, nodes.map())) {
            notifyWatchers(path);
        }
    }

    private static List<String> changedPaths(Map<String, byte[]> before, Map<String, byte[]> after) {
        List<String> changed = new ArrayList<>();
        after.forEach((path, value) -> {
            if (!before.containsKey(path) || !java.util.Arrays.equals(before.get(path), value)) {
                changed.add(path);
            }
        });
        before.keySet().stream().filter(path -> !after.containsKey(path)).forEach(changed::add);
        return changed;
    }

    /**
     * Several reads against the state loaded now: the file is checked for other processes' writes once, not
     * once per read, and the reads share the tree under one read lock.
     */
    @Override
    public <T> T inOneView(Reads<T> reads) throws StoreException {
        return reading(() -> {
            boolean outer = !inView.get();
            inView.set(true);
            try {
                return reads.run();
            } finally {
                if (outer) {
                    inView.remove();
                }
            }
        });
    }

    /**
     * Runs a read on a tree that is current. When the generation on disk is the one loaded (one read of eight
     * bytes, no file lock) readers share the tree in memory; only a stale tree is reloaded, under the shared
     * file lock and alone in this process. A write another process has not finished yet has not advanced the
     * generation, so serving the tree as loaded answers as of before that write, which is not yet acknowledged.
     */
    private <T> T reading(StoreCall<T> call) throws StoreException {
        if (inView.get()) {
            // This thread holds the read lock of a view that checked the file already.
            return call.run();
        }
        try {
            memory.readLock().lock();
            try {
                if (lock.unchangedSince(generation)) {
                    return call.run();
                }
            } finally {
                memory.readLock().unlock();
            }
            memory.writeLock().lock();
            try (FileLock held = lock.shared()) {
                reloadIfStale();
                return call.run();
            } finally {
                memory.writeLock().unlock();
            }
        } catch (IOException e) {
            throw storeError(e);
        }
    }

    /** EBUSY when another process kept the store locked too long; EIO for the file's own failures. */
    private StoreException storeError(IOException e) {
        Errno errno = e instanceof SimStoreLock.Busy ? Errno.EBUSY : Errno.EIO;
        return new StoreException(errno, file.path() + ": " + e.getMessage(), e);
    }

    private interface StoreCall<T> {
        T run() throws StoreException;
    }

    @Override
    public StoreInfo info() {
        String location = file.path().toString();
        return new StoreInfo("sim", "sim", true, true, lock.readOnly() ? location + " (read-only file system)" : location);
    }

    @Override
    public KvValue read(String key) throws StoreException {
        String path = SimKeys.normalize(key);
        // Within a view (a listing's page, key after key) the read needs no call object made for it.
        return inView.get() ? readNode(key, path) : reading(() -> readNode(key, path));
    }

    /**
     * Answered at once from a current tree that no write of this process holds: the generation's eight bytes
     * are read from the lock file (in the page cache) but no lock is waited for. A stale tree, or one a write
     * of this process holds while it waits for the file lock or saves, is left to {@link #read}.
     */
    @Override
    public Optional<CompletionStage<KvValue>> readWithoutWaiting(String key) throws StoreException {
        if (!memory.readLock().tryLock()) {
            return Optional.empty();
        }
        try {
            if (!lock.unchangedSince(generation)) {
                return Optional.empty();
            }
            return Optional.of(CompletableFuture.completedFuture(readNode(key, SimKeys.normalize(key))));
        } catch (IOException e) {
            throw storeError(e);
        } finally {
            memory.readLock().unlock();
        }
    }

    private KvValue readNode(String key, String path) throws StoreException {
        byte[] value = path.isEmpty() ? new byte[0] : nodes.get(path);
        if (value == null) {
            throw new StoreException(Errno.ENOENT, "no such key: " + key);
        }
        if (value.length > 0) {
            return new KvValue(value.clone(), false);
        }
        List<String> children = nodes.children(path);
        return new KvValue(String.join("\n", children).getBytes(StandardCharsets.UTF_8), !children.isEmpty());
    }

    @Override
    public byte[] write(String key, byte[] value) throws StoreException {
        String path = SimKeys.normalize(key);
        if (path.isEmpty()) {
            throw new StoreException(Errno.EINVAL, "cannot write the root");
        }
        if (value.length > MAX_VALUE_BYTES) {
            throw new StoreException(Errno.E2BIG, "value of " + value.length + " bytes is larger than "
                    + MAX_VALUE_BYTES);
        }
        byte[] copy = value.clone();
        mutate(path, () -> put(path, copy));
        return new byte[0];
    }

    @Override
    public void delete(String key) throws StoreException {
        String path = SimKeys.normalize(key);
        if (path.isEmpty()) {
            throw new StoreException(Errno.EINVAL, "cannot remove the root");
        }
        mutate(path, () -> {
            if (!nodes.containsKey(path)) {
                throw new StoreException(Errno.ENOENT, "no such key: " + key);
            }
            nodes.removeTree(path);
        });
    }

    private interface Mutation {
        void apply() throws StoreException;
    }

    /**
     * Applies a change under the exclusive lock to the current tree, saves it, and only then tells watchers;
     * if the save fails the tree is put back as it was, so a failed write changes nothing.
     */
    private void mutate(String path, Mutation change) throws StoreException {
        if (lock.readOnly()) {
            throw new StoreException(Errno.EROFS, file.path() + ": Read-only file system (the store was opened "
                    + "on a file system already mounted read-only and serves reads only)");
        }
        memory.writeLock().lock();
        try {
            try (FileLock held = lock.exclusive()) {
                reloadIfStale();
                TreeMap<String, byte[]> before = new TreeMap<>(nodes.map());
                change.apply();
                try {
                    file.save(nodes.map());
                } catch (IOException e) {
                    nodes.replaceWith(before);
                    throw new StoreException(Errno.EIO, "could not save " + file.path() + ": " + e.getMessage(), e);
                }
                generation = lock.generation() + 1;
                lock.advance(generation);
            } catch (IOException e) {
                throw storeError(e);
            }
        } finally {
            memory.writeLock().unlock();
        }
        notifyWatchers(path);
    }

    @Override
    public List<String> list(String key) throws StoreException {
        String path = SimKeys.normalize(key);
        return reading(() -> {
            if (!path.isEmpty() && !nodes.containsKey(path)) {
                throw new StoreException(Errno.ENOENT, "no such key: " + key);
            }
            return nodes.children(path);
        });
    }

    @Override
    public boolean hasChildren(String key) throws StoreException {
        String path = SimKeys.normalize(key);
        return inView.get() ? nodes.hasChildren(path) : reading(() -> nodes.hasChildren(path));
    }

    @Override
    public void close() {
        try {
            lock.close();
        } catch (IOException e) {
            // Closing releases nothing we still hold.
        }
    }

    @Override
    public AutoCloseable observe(String key, KvWatchListener listener) throws StoreException {
        Watcher watcher = new Watcher(SimKeys.normalize(key), listener::changed);
        watchers.add(watcher);
        return () -> watchers.remove(watcher);
    }

    private void put(String path, byte[] value) {
        for (String parent = SimKeys.parent(path); !parent.isEmpty(); parent = SimKeys.parent(parent)) {
            nodes.putIfAbsent(parent, new byte[0]);
        }
        nodes.put(path, value);
    }

    private void notifyWatchers(String path) {
        for (Watcher watcher : watchers) {
            if (SimKeys.isUnder(path, watcher.path())) {
                watcher.changed().accept(path);
            }
        }
    }

    private record Watcher(String path, Consumer<String> changed) {
    }
}
