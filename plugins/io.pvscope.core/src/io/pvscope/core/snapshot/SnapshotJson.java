package io.pvscope.core.snapshot;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

import com.google.gson.stream.JsonWriter;
import com.google.protobuf.ByteString;

import io.pvscope.core.AgentProperties;
import io.pvscope.core.kv.KeyNode;

/**
 * A snapshot as one JSON document, for attaching to a bug report: the target, what the agent said of
 * itself, the unit, the time and every key with its value. Values that are not UTF-8 are written as hex
 * and say so, so that nothing is silently mangled.
 */
public final class SnapshotJson {

    public static final String FORMAT = "pvscope-snapshot/1";

    private SnapshotJson() {
    }

    public static String write(StoreSnapshot snapshot) {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.setIndent("  ");
            json.beginObject();
            json.name("format").value(FORMAT);
            json.name("taken").value(snapshot.taken().toString());
            if (snapshot.isLastKnown()) {
                // The values were not read at "taken": the store had not answered since then.
                json.name("lastKnownSince").value(snapshot.lastKnownSince().toString());
            }
            json.name("target").beginObject()
                    .name("name").value(snapshot.target().name())
                    .name("address").value(snapshot.target().address())
                    .name("tls").value(snapshot.target().security().tls())
                    .endObject();
            agent(json, snapshot.agent());
            json.name("unit").beginObject()
                    .name("number").value(snapshot.unit().number())
                    .name("name").value(snapshot.unit().name())
                    .name("store").value(snapshot.unit().store())
                    .endObject();
            json.name("keys").beginArray();
            for (Map.Entry<String, ByteString> entry : snapshot.values().entrySet()) {
                json.beginObject().name("key").value(entry.getKey())
                        .name("value").value(KeyNode.text(entry.getValue()));
                if (!entry.getValue().isValidUtf8()) {
                    json.name("encoding").value("hex");
                }
                json.endObject();
            }
            json.endArray();
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString() + "\n";
    }

    private static void agent(JsonWriter json, AgentProperties agent) throws IOException {
        json.name("agent").beginObject()
                .name("version").value(agent.version())
                .name("host").value(agent.host())
                .name("os").value((agent.osName() + " " + agent.osVersion()).strip())
                .name("arch").value(agent.arch())
                .name("readOnly").value(agent.readOnly())
                .name("root").value(agent.root());
        json.name("allowedWritePrefixes").beginArray();
        for (String prefix : agent.allowedWritePrefixes()) {
            json.value(prefix);
        }
        json.endArray();
        json.endObject();
    }
}
