package io.pvscope.agent.server;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.pvscope.agent.server.security.AuditSettings;
import io.pvscope.agent.server.security.Caller;
import java.io.IOException;
import java.io.PrintStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * One JSON line per write, per refused request and per failed authentication: time, peer, identity, unit,
 * key, outcome. Values appear only as their length and a SHA-256 prefix and tokens never appear, so the
 * log can be shared without leaking what was stored or how to get in. Lines go to a stream (stderr, for
 * the journal) and, when configured, to a size-rotated file, written by a thread of their own (see
 * {@link AuditWriter}): lines of writes and deletes are never dropped, refusals beyond the queue's room are
 * counted in a line that says so.
 */
public final class AuditLog implements AutoCloseable {

    /** How long flushing waits for the writer at a change of file and at close. */
    private static final Duration FLUSH_LIMIT = Duration.ofSeconds(2);

    private final PrintStream out;
    private final Clock clock;
    private final AuditWriter writer;
    private volatile RotatingAuditFile file;

    public AuditLog(PrintStream out, Clock clock) {
        this(out, clock, AuditWriter.CAPACITY);
    }

    AuditLog(PrintStream out, Clock clock, int queueLines) {
        this.out = out;
        this.clock = clock;
        this.writer = new AuditWriter(queueLines, this::writeLine, this::droppedLine);
    }

    /** Waits until every line audited so far is written, at most {@code limit}; false if it was not. */
    public boolean flush(Duration limit) {
        return writer.flush(limit);
    }

    /** Starts, changes or stops the audit file; the old file is closed after the new one is open. */
    public synchronized void configure(AuditSettings settings) throws IOException {
        // Lines audited before the change go where they went.
        writer.flush(FLUSH_LIMIT);
        RotatingAuditFile old = file;
        if (settings.file().isPresent()) {
            if (old != null && old.file().equals(settings.file().get())) {
                return;
            }
            file = new RotatingAuditFile(settings.file().get(), settings.maxBytes(), settings.keep());
        } else {
            file = null;
        }
        if (old != null) {
            old.close();
        }
    }

    void write(int unit, String key, byte[] value, String outcome) {
        JsonObject line = call("write", unit, key, outcome);
        line.addProperty("valueLength", value.length);
        line.addProperty("valueSha256", sha256Prefix(value));
        writer.put(text(line));
    }

    void delete(int unit, String key, String outcome) {
        writer.put(text(call("delete", unit, key, outcome)));
    }

    void refusedWrite(int unit, String key, int valueLength, String reason) {
        JsonObject line = call("write", unit, key, "refused");
        line.addProperty("reason", reason);
        line.addProperty("valueLength", valueLength);
        emit(line);
    }

    /** A request refused by policy or a limit (the write case has its own line, with the value's size). */
    void refused(String operation, int unit, String key, String reason) {
        JsonObject line = call(operation, unit, key, "refused");
        line.addProperty("reason", reason);
        emit(line);
    }

    /** Longest key written as it is; a longer one is cut, with its length said. */
    static final int MAX_KEY_CHARS = 256;

    /** A key for an audit line: as it is when short, else its start and its length in bytes. */
    static String shortened(String key) {
        if (key.length() <= MAX_KEY_CHARS) {
            return key;
        }
        return key.substring(0, MAX_KEY_CHARS) + "… (" + key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + " bytes)";
    }

    /** A call refused before it reached a service: by a limit, or for lack of rights. */
    public void refusedCall(String method, String peer, String identity, String outcome, String reason) {
        JsonObject line = base("call", peer, identity, outcome);
        line.addProperty("method", method);
        line.addProperty("reason", reason);
        emit(line);
    }

    /** Authentication failed; identity is what the caller claimed (a certificate subject), never a secret. */
    public void authFailure(String peer, String claimed, String reason) {
        JsonObject line = base("auth", peer, claimed, "unauthenticated");
        line.addProperty("reason", reason);
        emit(line);
    }

    private JsonObject call(String operation, int unit, String key, String outcome) {
        Caller caller = Caller.current();
        JsonObject line = base(operation, caller.peer(), caller.identity(), outcome);
        line.addProperty("unit", unit);
        line.addProperty("key", key);
        return line;
    }

    private JsonObject base(String operation, String peer, String identity, String outcome) {
        JsonObject line = new JsonObject();
        line.addProperty("time", clock.instant().toString());
        line.addProperty("audit", operation);
        line.addProperty("peer", peer);
        line.addProperty("identity", identity);
        line.addProperty("outcome", outcome);
        return line;
    }

    /** A refusal: counted rather than written when the writer is too far behind (see {@link AuditWriter}). */
    private void emit(JsonObject line) {
        writer.offer(text(line));
    }

    private static String text(JsonObject line) {
        // Gson escapes U+2028 and U+2029 but not NEL (U+0085), which line splitters that honour it would take
        // for the end of the record: a key chosen by a caller must not look like two audit lines.
        return Lines.GSON.toJson(line).replace("\u0085", "\\u0085");
    }

    private String droppedLine(long count) {
        JsonObject line = new JsonObject();
        line.addProperty("time", clock.instant().toString());
        line.addProperty("audit", "dropped");
        line.addProperty("count", count);
        line.addProperty("reason", "refusals came faster than the audit lines could be written");
        return text(line);
    }

    /** On the writer's thread: one line to the stream and to the file. */
    private void writeLine(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
        RotatingAuditFile target = file;
        if (target != null) {
            try {
                target.append(text);
            } catch (IOException e) {
                synchronized (out) {
                    out.println("pvscope-agent: audit file " + target.file() + ": " + e.getMessage());
                }
            }
        }
    }

    /** Made at the first line: most agents write none (reads are not audited), and Gson is a hundred classes. */
    private static final class Lines {
        // Keys and subjects stay readable: "CN=x" rather than "CN\u003dx".
        static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    }

    private static String sha256Prefix(byte[] value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close(FLUSH_LIMIT);
        if (file != null) {
            file.close();
            file = null;
        }
    }
}
