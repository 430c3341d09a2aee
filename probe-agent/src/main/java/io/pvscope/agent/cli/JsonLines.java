package io.pvscope.agent.cli;

import com.google.gson.JsonObject;
import com.google.protobuf.ByteString;
import io.pvscope.proto.v1.KvEntry;
import io.pvscope.proto.v1.WatchEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

/**
 * The {@code --json} output of {@code ls} and {@code watch}: one JSON object per line, so that a script can
 * read them one at a time. A value that is UTF-8 is a string in {@code value}; any other bytes are in
 * {@code valueBase64}. Liveness changes of a watch are lines of their own.
 */
final class JsonLines {

    private JsonLines() {
    }

    /** A listed or watched key: key, hasChildren, access, and its value or error. */
    static JsonObject entry(KvEntry entry) {
        JsonObject json = new JsonObject();
        json.addProperty("key", entry.getKey());
        json.addProperty("hasChildren", entry.getHasChildren());
        json.addProperty("access", entry.getAccess() == KvEntry.Access.READ_WRITE ? "read-write" : "read-only");
        if (!entry.getError().isEmpty()) {
            json.addProperty("error", entry.getError());
        } else if (!entry.getValue().isEmpty() || !entry.getHasChildren()) {
            addValue(json, entry.getValue());
        }
        return json;
    }

    /** A watch event, or null for one that has no line (heartbeats unless asked for). */
    static JsonObject event(WatchEvent event, boolean heartbeats) {
        JsonObject json;
        switch (event.getEventCase()) {
            case STARTED -> {
                json = named("started");
                json.addProperty("mode", event.getStarted().getMode().name().toLowerCase(Locale.ROOT));
                json.addProperty("pollIntervalMillis", millis(event.getStarted().getPollInterval()));
                json.addProperty("heartbeatIntervalMillis", millis(event.getStarted().getHeartbeatInterval()));
            }
            case SNAPSHOT -> json = withEvent("snapshot", entry(event.getSnapshot()));
            case SYNC -> json = named("sync");
            case UPDATE -> json = withEvent("update", entry(event.getUpdate()));
            case DELETED -> {
                json = named("deleted");
                json.addProperty("key", event.getDeleted().getKey());
            }
            case UNAVAILABLE -> {
                json = named("unavailable");
                json.addProperty("errno", event.getUnavailable().getErrno());
                json.addProperty("reason", event.getUnavailable().getReason());
            }
            case HEARTBEAT -> {
                if (!heartbeats) {
                    return null;
                }
                json = named("heartbeat");
            }
            default -> {
                return null;
            }
        }
        if (event.hasTime()) {
            json.addProperty("time", java.time.Instant.ofEpochSecond(event.getTime().getSeconds(),
                    event.getTime().getNanos()).toString());
        }
        return json;
    }

    /** The agent stopped answering ({@code answering} false) or answers again after a silence. */
    static JsonObject liveness(String target, boolean answering, Duration silence) {
        JsonObject json = named(answering ? "answering" : "not-answering");
        json.addProperty("target", target);
        json.addProperty("silenceMillis", silence.toMillis());
        return json;
    }

    private static JsonObject named(String event) {
        JsonObject json = new JsonObject();
        json.addProperty("event", event);
        return json;
    }

    private static JsonObject withEvent(String event, JsonObject entry) {
        JsonObject json = named(event);
        entry.entrySet().forEach(field -> json.add(field.getKey(), field.getValue()));
        return json;
    }

    private static long millis(com.google.protobuf.Duration duration) {
        return duration.getSeconds() * 1000 + duration.getNanos() / 1_000_000;
    }

    private static void addValue(JsonObject json, ByteString value) {
        try {
            json.addProperty("value", StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value.toByteArray())).toString());
        } catch (CharacterCodingException notText) {
            json.addProperty("valueBase64", Base64.getEncoder().encodeToString(value.toByteArray()));
        }
    }
}
