package io.pvscope.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.google.protobuf.ByteString;

import io.grpc.stub.StreamObserver;
import io.pvscope.core.internal.UnaryCall;
import io.pvscope.core.internal.WatchCall;
import io.pvscope.core.kv.KeyRead;
import io.pvscope.proto.v1.KvDeleteRequest;
import io.pvscope.proto.v1.KvEntry;
import io.pvscope.proto.v1.KvListRequest;
import io.pvscope.proto.v1.KvListResponse;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.KvReadResponse;
import io.pvscope.proto.v1.KvWriteRequest;
import io.pvscope.proto.v1.KvWriteResponse;
import io.pvscope.proto.v1.WatchRequest;

/**
 * The key/value store behind one unit, through one connection. Calls fail at once when the connection is
 * not CONNECTED; failures carry the agent's errno, see {@link StoreErrors}.
 */
public final class UnitStore {

    private final TargetConnection connection;
    private final int unit;

    UnitStore(TargetConnection connection, int unit) {
        this.connection = connection;
        this.unit = unit;
    }

    public int unit() {
        return unit;
    }

    public TargetConnection connection() {
        return connection;
    }

    public CompletableFuture<KvReadResponse> read(String key) {
        return connection.unaryStub().thenCompose(stub -> {
            UnaryCall<KvReadResponse> call = new UnaryCall<>();
            stub.kvRead(KvReadRequest.newBuilder().setUnit(unit).setKey(key).build(), call);
            return timed(call);
        });
    }

    /** Writes, and completes once the agent acknowledged; the store keeps its old value when this fails. */
    public CompletableFuture<KvWriteResponse> write(String key, ByteString value) {
        return connection.unaryStub().thenCompose(stub -> {
            UnaryCall<KvWriteResponse> call = new UnaryCall<>();
            stub.kvWrite(KvWriteRequest.newBuilder().setUnit(unit).setKey(key).setValue(value).build(), call);
            return timed(call);
        });
    }

    /** Writes {@code text} as UTF-8, then reads the key back, so that a view can show what the store holds. */
    public CompletableFuture<KeyRead> writeAndReadBack(String key, String text) {
        return write(key, ByteString.copyFromUtf8(text)).thenCompose(ack -> read(key))
                .thenApply(read -> new KeyRead(read.getDirectory(), read.getValue().toByteArray()));
    }

    /** Removes the key and everything below it. */
    public CompletableFuture<Void> delete(String key) {
        return connection.unaryStub().thenCompose(stub -> {
            UnaryCall<Object> call = new UnaryCall<>();
            stub.kvDelete(KvDeleteRequest.newBuilder().setUnit(unit).setKey(key).build(), cast(call));
            return timed(call).thenApply(ignored -> null);
        });
    }

    /** Every child of {@code key} whose name starts with {@code prefix}, all pages gathered. */
    public CompletableFuture<List<KvEntry>> list(String key, String prefix, boolean withValues) {
        return connection.unaryStub().thenCompose(stub -> {
            CompletableFuture<List<KvEntry>> result = new CompletableFuture<>();
            List<KvEntry> entries = new ArrayList<>();
            stub.kvList(KvListRequest.newBuilder().setUnit(unit).setKey(key).setPrefix(prefix)
                    .setWithValues(withValues).build(), new StreamObserver<KvListResponse>() {
                        @Override
                        public void onNext(KvListResponse page) {
                            entries.addAll(page.getEntriesList());
                        }

                        @Override
                        public void onError(Throwable error) {
                            result.completeExceptionally(error);
                        }

                        @Override
                        public void onCompleted() {
                            result.complete(List.copyOf(entries));
                        }
                    });
            return result;
        });
    }

    /**
     * Starts a Watch on the keys under {@code prefixes} ("" for the whole store). Events reach the listener
     * on a gRPC thread, in order. A connection that is not CONNECTED fails the listener at once.
     *
     * @param pollInterval how often the agent polls stores without native watches; zero lets the agent choose
     */
    public KeyWatch watch(List<String> prefixes, Duration pollInterval, WatchListener listener) {
        WatchRequest.Builder request = WatchRequest.newBuilder().setUnit(unit).addAllPrefixes(prefixes);
        if (!pollInterval.isZero()) {
            request.setPollInterval(com.google.protobuf.Duration.newBuilder()
                    .setSeconds(pollInterval.getSeconds()).setNanos(pollInterval.getNano()));
        }
        WatchCall call = new WatchCall(new WatchListener() {
            @Override
            public void event(io.pvscope.proto.v1.WatchEvent event) {
                connection.heardFromAgent();
                listener.event(event);
            }

            @Override
            public void failed(Throwable error) {
                listener.failed(error);
            }

            @Override
            public void ended() {
                listener.ended();
            }
        });
        connection.streamingStub().whenComplete((stub, error) -> {
            if (error != null) {
                listener.failed(error);
            } else {
                stub.watch(request.build(), call);
            }
        });
        return call;
    }

    private <T> CompletableFuture<T> timed(UnaryCall<T> call) {
        return call.result().whenComplete((value, error) -> connection.recordLatency(call));
    }

    @SuppressWarnings("unchecked")
    private static <T> StreamObserver<T> cast(StreamObserver<?> observer) {
        return (StreamObserver<T>) observer;
    }
}
