package io.pvscope.agent.server;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.grpc.Context;
import java.io.PrintStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

/**
 * One JSON line per write and per refused request: time, peer, unit, key, outcome. Values appear only as
 * their length and a SHA-256 prefix, so the log can be shared without leaking what was stored.
 */
public final class AuditLog {

    /** The caller's address, set per call by {@link PeerInterceptor}. */
    static final Context.Key<String> PEER = Context.key("pvscope-peer");

    private final PrintStream out;
    private final Clock clock;
    private final Gson gson = new Gson();

    public AuditLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    void write(int unit, String key, byte[] value, String outcome) {
        JsonObject line = base("write", unit, key, outcome);
        line.addProperty("valueLength", value.length);
        line.addProperty("valueSha256", sha256Prefix(value));
        emit(line);
    }

    void delete(int unit, String key, String outcome) {
        emit(base("delete", unit, key, outcome));
    }

    void refused(String operation, int unit, String key, int valueLength) {
        JsonObject line = base(operation, unit, key, "refused");
        if (operation.equals("write")) {
            line.addProperty("valueLength", valueLength);
        }
        emit(line);
    }

    private JsonObject base(String operation, int unit, String key, String outcome) {
        JsonObject line = new JsonObject();
        line.addProperty("time", clock.instant().toString());
        line.addProperty("audit", operation);
        String peer = PEER.get();
        line.addProperty("peer", peer == null ? "" : peer);
        line.addProperty("unit", unit);
        line.addProperty("key", key);
        line.addProperty("outcome", outcome);
        return line;
    }

    private void emit(JsonObject line) {
        synchronized (out) {
            out.println(gson.toJson(line));
            out.flush();
        }
    }

    private static String sha256Prefix(byte[] value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
