package io.pvscope.agent.server;

import com.google.protobuf.ByteString;
import io.grpc.stub.ServerCallStreamObserver;
import io.pvscope.agent.bus.AgentBus;
import io.pvscope.agent.bus.BusUnit;
import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.KvValue;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.server.connections.DeadlineQueue;
import io.pvscope.agent.server.security.Caller;
import io.pvscope.agent.server.security.Grant;
import io.pvscope.agent.server.security.SystemGuard;
import io.pvscope.proto.v1.KvDeleteRequest;
import io.pvscope.proto.v1.KvDeleteResponse;
import io.pvscope.proto.v1.KvEntry;
import io.pvscope.proto.v1.KvListRequest;
import io.pvscope.proto.v1.KvListResponse;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.KvReadResponse;
import io.pvscope.proto.v1.KvTypeRequest;
import io.pvscope.proto.v1.KvTypeResponse;
import io.pvscope.proto.v1.KvWriteRequest;
import io.pvscope.proto.v1.KvWriteResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** KvRead, KvWrite, KvType and KvList: limits and the caller's grant first, then the unit's store. */
final class KvRpcs {

    static final int DEFAULT_PAGE_SIZE = 500;
    static final int MAX_PAGE_SIZE = 5_000;

    private final AgentBus bus;
    private final RequestLimits limits;
    private final SystemGuard systemGuard = new SystemGuard(java.nio.file.Path.of("/etc"), SystemGuard.agentGroup());
    private final AuditLog audit;

    KvRpcs(AgentBus bus, Supplier<AgentLimits> limits, AuditLog audit) {
        this.bus = bus;
        this.limits = new RequestLimits(limits);
        this.audit = audit;
    }

    RequestLimits limits() {
        return limits;
    }

    /**
     * Refuses (EACCES, audited) a read of a key outside the caller's read prefixes, or of a store the system
     * keeps the calling local user out of.
     */
    void checkRead(String operation, int unit, KvStore store, String key, boolean orAbove) throws StoreException {
        Caller caller = Caller.current();
        checkSystemGuard(caller, operation, unit, store, key);
        var read = caller.grant().read();
        boolean allowed = orAbove ? read.coversOrLeadsTo(unit, store.info().kind(), key)
                : read.covers(unit, store.info().kind(), key);
        if (!allowed) {
            String why = "reading '" + key + "' on unit " + unit + " is not allowed for '" + caller.identity()
                    + "'" + (read.isEmpty() ? ": it may read nothing" : "; it may read " + read.texts());
            audit.refused(operation, unit, key, why);
            throw new StoreException(Errno.EACCES, why);
        }
    }

    /**
     * The request's key in its one spelling, after the size and syntax checks (and the value's size when
     * {@code valueBytes} is not negative). A request refused here is audited as any other refusal, the key
     * cut short: a refused key can be as long as a message.
     */
    private String checkedKey(String operation, int unit, String rawKey, int valueBytes, boolean nonEmpty)
            throws StoreException {
        try {
            limits.checkKey(rawKey);
            if (valueBytes >= 0) {
                limits.checkValue(valueBytes);
            }
            String key = KeyPaths.normal(rawKey);
            if (nonEmpty && key.isEmpty()) {
                throw new StoreException(Errno.EINVAL, "empty key");
            }
            return key;
        } catch (StoreException e) {
            audit.refused(operation, unit, AuditLog.shortened(rawKey), e.errno().name() + ": " + e.getMessage());
            throw e;
        } catch (io.grpc.StatusRuntimeException e) {
            audit.refused(operation, unit, AuditLog.shortened(rawKey), e.getStatus().getCode() + ": "
                    + e.getStatus().getDescription());
            throw e;
        }
    }

    /** Whether the first detection is done, so that the request checks answer without waiting for it. */
    boolean detected() {
        return bus.detected();
    }

    /** A KvRead whose request passed the checks: its store, and its key in the one spelling. */
    record CheckedRead(KvStore store, String key) {

        /** The value, when the store answers (on its thread, for XenStore). */
        CompletionStage<KvReadResponse> answer() {
            return store.readAsync(key).thenApply(KvRpcs::readResponse);
        }

        /** {@link #answer} if the store can start it without waiting (see {@link KvStore#readWithoutWaiting}). */
        Optional<CompletionStage<KvReadResponse>> startedWithoutWaiting() throws StoreException {
            return store.readWithoutWaiting(key).map(started -> started.thenApply(KvRpcs::readResponse));
        }
    }

    /** The request's checks, once: its refusals are thrown (and audited). */
    CheckedRead checked(KvReadRequest request) throws StoreException {
        String key = checkedKey("read", request.getUnit(), request.getKey(), -1, false);
        KvStore store = bus.current().store(request.getUnit());
        checkRead("read", request.getUnit(), store, key, false);
        return new CheckedRead(store, key);
    }

    private static KvReadResponse readResponse(KvValue value) {
        return KvReadResponse.newBuilder().setValue(ByteString.copyFrom(value.bytes()))
                .setDirectory(value.listing()).build();
    }

    KvWriteResponse write(KvWriteRequest request) throws StoreException {
        String key = checkedKey("write", request.getUnit(), request.getKey(), request.getValue().size(), true);
        BusUnit unit = bus.current().unit(request.getUnit());
        KvStore store = bus.current().store(request.getUnit());
        checkWritable(unit.number(), store, key, "write", request.getValue().size());
        try {
            byte[] echoed = store.write(key, request.getValue().toByteArray());
            audit.write(unit.number(), key, request.getValue().toByteArray(), "ok");
            return KvWriteResponse.newBuilder().setValue(ByteString.copyFrom(echoed)).build();
        } catch (StoreException e) {
            audit.write(unit.number(), key, request.getValue().toByteArray(), e.errno().name());
            throw e;
        }
    }

    KvDeleteResponse delete(KvDeleteRequest request) throws StoreException {
        String key = checkedKey("delete", request.getUnit(), request.getKey(), -1, true);
        BusUnit unit = bus.current().unit(request.getUnit());
        KvStore store = bus.current().store(request.getUnit());
        checkWritable(unit.number(), store, key, "delete", 0);
        try {
            store.delete(key);
            audit.delete(unit.number(), key, "ok");
            return KvDeleteResponse.getDefaultInstance();
        } catch (StoreException e) {
            audit.delete(unit.number(), key, e.errno().name());
            throw e;
        }
    }

    /** A local user the system keeps out of the store (see SystemGuard) is kept out here too. */
    private void checkSystemGuard(Caller caller, String operation, int unit, KvStore store, String key)
            throws StoreException {
        String kept = systemRefusal(caller, store);
        if (kept != null) {
            String why = "unit " + unit + " (" + store.info().kind() + ") " + kept;
            audit.refused(operation, unit, key, why);
            throw new StoreException(Errno.EACCES, why);
        }
    }

    /**
     * "is not for every local user: why…" when the system keeps the caller out of the store, or null when it
     * does not (or has no say).
     */
    private String systemRefusal(Caller caller, KvStore store) {
        if (caller.systemUser() < 0 || store.guard().isEmpty()) {
            return null;
        }
        String kept = systemGuard.refusal(caller.systemUser(), store.guard().get());
        return kept == null ? null : "is not for every local user: " + kept + "; a token or certificate gives"
                + " access through the agent, or the local client's every_local_user: true";
    }

    /**
     * Why the caller may not read the whole of a unit's store, as a survey of its devices does (XenBus states
     * are keys of the store), or null when it may. Not audited: a device watch asks again at every survey.
     */
    String wholeStoreRefusal(Caller caller, int unit, KvStore store) {
        if (!caller.grant().read().covers(unit, store.info().kind(), "")) {
            return "reading XenBus devices needs read access to the whole store";
        }
        String kept = systemRefusal(caller, store);
        return kept == null ? null : "the store " + kept;
    }

    /** Writes and deletes share one policy: refused ones are audited and answered EACCES, saying why. */
    private void checkWritable(int unit, KvStore store, String key, String operation, int valueLength)
            throws StoreException {
        Caller caller = Caller.current();
        checkSystemGuard(caller, operation, unit, store, key);
        var write = caller.grant().write();
        if (!write.covers(unit, store.info().kind(), key)) {
            String why = operation + " of '" + key + "' on unit " + unit + " is not allowed for '"
                    + caller.identity() + "'" + (write.isEmpty() ? ": it is read-only (writes need --allow-write"
                    + " PREFIX, or write: prefixes in the configuration file)" : "; it may write " + write.texts());
            if (operation.equals("write")) {
                audit.refusedWrite(unit, key, valueLength, why);
            } else {
                audit.refused(operation, unit, key, why);
            }
            throw new StoreException(Errno.EACCES, why);
        }
    }

    KvTypeResponse type(KvTypeRequest request) throws StoreException {
        BusUnit unit = bus.current().unit(request.getUnit());
        KvTypeResponse.Builder response = KvTypeResponse.newBuilder().setType(unit.type());
        unit.store().ifPresent(store -> response.setStore(store.info().kind())
                .setSimulated(store.info().simulated()));
        return response.build();
    }

    /**
     * KvList: the names at once, then each page, read under the backend deadline (one store call each, so a
     * hung store ends the stream DEADLINE_EXCEEDED). A page ends at the page size or at {@link
     * RequestLimits#MAX_PAGE_BYTES}, whichever comes first, and the next one is read only once the client can
     * take it: a client that does not read holds at most one page of the agent's memory and no thread.
     */
    void list(KvListRequest request, ServerCallStreamObserver<KvListResponse> responses, BackendCalls backend,
              DeadlineQueue stalls) throws StoreException {
        String key = checkedKey("list", request.getUnit(), request.getKey(), -1, false);
        int unit = request.getUnit();
        KvStore store = bus.current().store(unit);
        checkRead("list", unit, store, key, true);
        ChildGrant grant = new ChildGrant(Caller.current().grant(), unit, store, key);
        int pageSize = pageSize(request.getPageSize());
        String after = decodeToken(request.getPageToken());
        ListedNames names = ListedNames.of(backend.run(() -> store.list(key)).stream()
                .filter(name -> name.startsWith(request.getPrefix()))
                .filter(grant::readsOrLeadsTo)
                .filter(name -> after == null || name.compareTo(after) > 0)
                .sorted()
                .toList());
        long pageBytes = limits.maxPageBytes();
        new PagedStream<>(responses, stalls, names.size(), from -> {
            Page page = backend.run(() -> store.inOneView(() -> page(grant, store, key, names, from,
                    pageSize, pageBytes, request.getWithValues())));
            int next = from + page.count();
            if (next < names.size()) {
                page.response().setNextPageToken(encodeToken(names.get(next - 1)));
            }
            return new PagedStream.Page<>(page.response().build(), page.count());
        }, KvListResponse.getDefaultInstance()).start();
    }

    /** One page and how many names it took: at most {@code count}, and no more bytes than {@code maxBytes}. */
    private record Page(KvListResponse.Builder response, int count) {
    }

    /**
     * Entries asked of the store ahead of the one being built: a store behind a daemon (XenStore) answers a
     * window's requests in one round trip instead of two round trips per key. Small enough to stay within
     * the outstanding-request quota daemons give a guest's connection.
     */
    static final int WINDOW = 8;

    private Page page(ChildGrant grant, KvStore store, String key, ListedNames names, int from, int count,
                      long maxBytes, boolean withValues) {
        KvListResponse.Builder built = KvListResponse.newBuilder();
        int end = Math.min(names.size(), from + count);
        ArrayDeque<KeyRead.Asked> window = new ArrayDeque<>();
        int next = from;
        long bytes = 0;
        int taken = 0;
        while (from + taken < end) {
            while (window.size() < WINDOW && next < end) {
                String child = store.child(key, names.get(next++));
                window.add(KeyRead.ask(store, child, withValues && grant.reads(child)));
            }
            KeyRead read = window.removeFirst().awaited();
            KvEntry entry = read.entryFor(grant.writes(read.key()), grant.reads(read.key()));
            // Field tag and length prefix: a few bytes beside the entry itself.
            long size = entry.getSerializedSize() + 8L;
            if (taken > 0 && bytes + size > maxBytes) {
                break;
            }
            built.addEntries(entry);
            bytes += size;
            taken++;
        }
        return new Page(built, taken);
    }

    /**
     * The page size asked for, 0 meaning the default, capped at {@link #MAX_PAGE_SIZE}. page_size is a uint32:
     * Java sees one above 2^31 (a client's -1) as negative, which must cap too, not mean "no pages".
     */
    static int pageSize(int requested) {
        if (requested == 0) {
            return DEFAULT_PAGE_SIZE;
        }
        return Integer.compareUnsigned(requested, MAX_PAGE_SIZE) > 0 ? MAX_PAGE_SIZE : requested;
    }

    /** One entry; a failure to read this key alone (EACCES...) is reported on the entry, not on the list. */
    KvEntry entry(Grant grant, int unit, KvStore store, String key, boolean withValue) {
        return ask(grant, unit, store, key, withValue).awaited().entryFor(grant, unit, store.info().kind());
    }

    /** Asks for a key's children and, where the caller may read it, its value: both at once. */
    private static KeyRead.Asked ask(Grant grant, int unit, KvStore store, String key, boolean withValue) {
        return KeyRead.ask(store, key, withValue && grant.read().covers(unit, store.info().kind(), key));
    }

    private static String encodeToken(String name) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) throws StoreException {
        if (token.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new StoreException(Errno.EINVAL, "page_token is not one this agent issued");
        }
    }
}
