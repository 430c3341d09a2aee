package io.pvscope.core.tests.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import io.pvscope.core.Target;
import io.pvscope.core.UnitDescriptor;
import io.pvscope.core.kv.KeyTree;
import io.pvscope.core.snapshot.SnapshotDiff;
import io.pvscope.core.snapshot.StoreSnapshot;
import io.pvscope.proto.v1.KeyDeleted;
import io.pvscope.proto.v1.KvEntry;
import io.pvscope.proto.v1.SyncMarker;
import io.pvscope.proto.v1.WatchEvent;

class SnapshotDiffTest {

    private static final Target TARGET = new Target("guest", "127.0.0.1", 7393);
    private static final UnitDescriptor UNIT = new UnitDescriptor(1, "unknown", "", "sim");

    private final KeyTree tree = new KeyTree();

    @Test
    void snapshotIsACopyThatLaterChangesLeaveAlone() {
        live("data/a", "1", "device/vif/0/mac", "00:16:3e:00:00:01");
        StoreSnapshot first = snapshot();

        update("data/a", "2");

        assertEquals("1", first.text("data/a"));
        assertEquals("2", snapshot().text("data/a"));
        assertTrue(first.values().containsKey("device/vif/0"), "directories are kept as keys too");
    }

    @Test
    void diffSortsAddedRemovedAndChangedKeys() {
        live("data/a", "1", "data/b", "same", "data/gone", "x");
        StoreSnapshot before = snapshot();
        update("data/a", "2");
        update("data/new", "n");
        tree.apply(WatchEvent.newBuilder().setDeleted(KeyDeleted.newBuilder().setKey("data/gone")).build());

        SnapshotDiff diff = SnapshotDiff.between(before, snapshot());

        assertEquals(List.of("data/new"), diff.added().stream().map(SnapshotDiff.Change::key).toList());
        assertNull(diff.added().get(0).before());
        assertEquals(List.of("data/gone"), diff.removed().stream().map(SnapshotDiff.Change::key).toList());
        assertEquals("x", diff.removed().get(0).beforeText());
        assertEquals(1, diff.changed().size());
        assertEquals("1", diff.changed().get(0).beforeText());
        assertEquals("2", diff.changed().get(0).afterText());
        assertEquals(Set.of("data/a", "data/new"), diff.addedOrChangedKeys());
    }

    @Test
    void sameStoreTwiceHasNoDifference() {
        live("data/a", "1");
        assertTrue(SnapshotDiff.between(snapshot(), snapshot()).isEmpty());
    }

    @Test
    void bytesThatAreNotUtf8AreComparedAsBytes() {
        tree.apply(WatchEvent.newBuilder().setUpdate(KvEntry.newBuilder().setKey("data/bin")
                .setValue(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x00}))).build());
        tree.apply(WatchEvent.newBuilder().setSync(SyncMarker.getDefaultInstance()).build());
        StoreSnapshot before = snapshot();
        tree.apply(WatchEvent.newBuilder().setUpdate(KvEntry.newBuilder().setKey("data/bin")
                .setValue(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01}))).build());

        SnapshotDiff diff = SnapshotDiff.between(before, snapshot());

        assertEquals("ff 00", diff.changed().get(0).beforeText());
        assertEquals("ff 01", diff.changed().get(0).afterText());
    }

    private StoreSnapshot snapshot() {
        return StoreSnapshot.of(TARGET, null, UNIT, Instant.now(), tree);
    }

    private void live(String... keysAndValues) {
        for (int i = 0; i < keysAndValues.length; i += 2) {
            update(keysAndValues[i], keysAndValues[i + 1]);
        }
        tree.apply(WatchEvent.newBuilder().setSync(SyncMarker.getDefaultInstance()).build());
    }

    private void update(String key, String value) {
        tree.apply(WatchEvent.newBuilder()
                .setUpdate(KvEntry.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value))).build());
    }
}
