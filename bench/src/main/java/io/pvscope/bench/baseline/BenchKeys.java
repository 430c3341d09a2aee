package io.pvscope.bench.baseline;

import com.google.protobuf.ByteString;
import io.pvscope.proto.v1.KvEntry;

/** The keys and values every benchmark store holds, shared by the seeded stores and the bare server. */
public final class BenchKeys {

    /** The parent of the seeded keys. */
    public static final String PARENT = "bench";
    /** The key read in the unary benchmarks. */
    public static final String READ_KEY = key(42);

    private BenchKeys() {
    }

    public static String name(int i) {
        return String.format("k%07d", i);
    }

    public static String key(int i) {
        return PARENT + "/" + name(i);
    }

    /** 16 bytes for every key: the values do not grow with the store. */
    public static String value(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return ("value-" + name + "_".repeat(16)).substring(0, 16);
    }

    /** The entry the agent lists for a seeded key with values and no write permission. */
    public static KvEntry entry(int i) {
        String key = key(i);
        return KvEntry.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value(key)))
                .setAccess(KvEntry.Access.READ_ONLY).build();
    }
}
