package io.pvscope.core.tests.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;

import io.pvscope.core.AgentProperties;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.UnitDescriptor;
import io.pvscope.core.kv.KeyTree;
import io.pvscope.core.snapshot.SnapshotJson;
import io.pvscope.core.snapshot.StoreSnapshot;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.core.tests.agent.ConnectedAgent;
import io.pvscope.proto.v1.AgentInfo;
import io.pvscope.proto.v1.KvEntry;
import io.pvscope.proto.v1.SyncMarker;
import io.pvscope.proto.v1.WatchEvent;

/** The exported snapshot carries what a bug report needs, read back from the JSON itself. */
class SnapshotJsonTest {

    private static ConnectedAgent peer;
    private static AgentProcess agent;
    private static TargetConnection connection;

    @BeforeAll
    static void start() throws Exception {
        peer = ConnectedAgent.start();
        agent = peer.agent();
        connection = peer.connection();
    }

    @AfterAll
    static void stop() throws Exception {
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void exportNamesTargetAgentUnitTimeAndEveryKey() throws Exception {
        AgentInfo info = connection.fetchAgentInfo().get(30, TimeUnit.SECONDS);
        int number = peer.simulatedUnit();
        UnitDescriptor unit = connection.unitList().orElseThrow().stream()
                .filter(u -> u.number() == number).findFirst().orElseThrow();
        AgentProperties said = connection.agentProperties().orElseThrow();
        KeyTree tree = new KeyTree();
        tree.apply(WatchEvent.newBuilder().setUpdate(KvEntry.newBuilder().setKey("data/quote")
                .setValue(ByteString.copyFromUtf8("say \"hi\"\n"))).build());
        tree.apply(WatchEvent.newBuilder().setUpdate(KvEntry.newBuilder().setKey("data/raw")
                .setValue(ByteString.copyFrom(new byte[] {(byte) 0xc3}))).build());
        tree.apply(WatchEvent.newBuilder().setSync(SyncMarker.getDefaultInstance()).build());
        Instant taken = Instant.parse("2026-11-25T12:00:00Z");

        JsonObject json = JsonParser.parseString(
                SnapshotJson.write(StoreSnapshot.of(agent.target(), said, unit, taken, tree))).getAsJsonObject();

        assertEquals(SnapshotJson.FORMAT, json.get("format").getAsString());
        assertEquals("2026-11-25T12:00:00Z", json.get("taken").getAsString());
        assertEquals(agent.target().address(), json.getAsJsonObject("target").get("address").getAsString());
        assertFalse(json.getAsJsonObject("target").get("tls").getAsBoolean());
        JsonObject agentJson = json.getAsJsonObject("agent");
        assertEquals(info.getAgentVersion(), agentJson.get("version").getAsString());
        assertFalse(agentJson.get("version").getAsString().isEmpty());
        assertTrue(agentJson.getAsJsonArray("allowedWritePrefixes").toString().contains("data/"));
        assertEquals(number, json.getAsJsonObject("unit").get("number").getAsInt());
        assertEquals("sim", json.getAsJsonObject("unit").get("store").getAsString());
        JsonArray keys = json.getAsJsonArray("keys");
        assertEquals(3, keys.size(), "data, data/quote, data/raw");
        assertEquals("say \"hi\"\n", keys.get(1).getAsJsonObject().get("value").getAsString());
        assertEquals("c3", keys.get(2).getAsJsonObject().get("value").getAsString());
        assertEquals("hex", keys.get(2).getAsJsonObject().get("encoding").getAsString());
        assertFalse(json.has("lastKnownSince"), "the store answered");

        Instant silentSince = Instant.parse("2026-11-25T11:59:30Z");
        JsonObject lastKnown = JsonParser.parseString(SnapshotJson.write(
                StoreSnapshot.of(agent.target(), said, unit, taken, tree, silentSince))).getAsJsonObject();
        assertEquals("2026-11-25T11:59:30Z", lastKnown.get("lastKnownSince").getAsString(),
                "a snapshot of last-known keys says since when they were not read");
    }
}
