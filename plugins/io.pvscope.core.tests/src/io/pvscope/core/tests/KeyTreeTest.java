package io.pvscope.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import io.pvscope.core.kv.KeyFilter;
import io.pvscope.core.kv.KeyNode;
import io.pvscope.core.kv.KeyTree;
import io.pvscope.proto.v1.KeyDeleted;
import io.pvscope.proto.v1.KvEntry;
import io.pvscope.proto.v1.SyncMarker;
import io.pvscope.proto.v1.WatchEvent;

class KeyTreeTest {

    private final AtomicLong clock = new AtomicLong(1_000);
    private final KeyTree tree = new KeyTree(clock::get);

    @Test
    void aStoreOutageKeepsTheKeysUntilTheFreshSnapshotReplacesThem() {
        snapshot("device/vif/0/mac", "00:16:3e:5a:1c:07");
        snapshot("device/vif/0/state", "4");
        snapshot("gone/soon", "x");
        tree.apply(WatchEvent.newBuilder().setSync(SyncMarker.getDefaultInstance()).build());

        clock.set(2_000);
        tree.apply(WatchEvent.newBuilder().setUnavailable(io.pvscope.proto.v1.StoreUnavailable.newBuilder()
                .setErrno("EIO").setReason("xenstored went away")).build());
        assertEquals("EIO", tree.unavailable().orElseThrow().errno());
        assertEquals("4", tree.find("device/vif/0/state").valueText(), "last-known keys stay");

        clock.set(3_000);
        snapshot("device/vif/0/mac", "00:16:3e:5a:1c:07");
        snapshot("device/vif/0/state", "6");
        tree.apply(WatchEvent.newBuilder().setSync(SyncMarker.getDefaultInstance()).build());

        assertTrue(tree.unavailable().isEmpty());
        assertEquals(3_000, tree.find("device/vif/0/state").changedAt(), "changed while away: marked");
        assertEquals(0, tree.find("device/vif/0/mac").changedAt(), "unchanged: not marked");
        assertTrue(tree.find("gone/soon").isDeleted(), "not in the fresh snapshot: deleted");
        assertTrue(!tree.find("device").isDeleted(), "a parent of kept keys stays");
    }

    @Test
    void aKeyWrittenAfterTheFreshSnapshotBringsBackItsParentsThatTheSnapshotLacked() {
        snapshot("data/changed", "before");
        snapshot("data/kept", "same");
        sync();
        tree.apply(WatchEvent.newBuilder().setUnavailable(io.pvscope.proto.v1.StoreUnavailable.newBuilder()
                .setErrno("EIO").setReason("xenstored went away")).build());
        // The daemon came back empty; a key is written just after its fresh snapshot.
        snapshot("tool", "");
        sync();
        clock.set(2_000);
        tree.apply(WatchEvent.newBuilder().setUpdate(entry("data/changed", "after")).build());

        assertTrue(!tree.find("data").isDeleted(), "the parent of a key written again is back");
        assertEquals(1, tree.purgeDeleted(2_000), "only data/kept goes");
        assertEquals("after", tree.find("data/changed").valueText());
        assertNull(tree.find("data/kept"));
    }

    @Test
    void aKeyWrittenUnderADeletedParentBeforeThePurgeSurvivesThePurge() {
        snapshot("data/dir/a", "1");
        sync();
        clock.set(2_000);
        tree.apply(WatchEvent.newBuilder().setDeleted(KeyDeleted.newBuilder().setKey("data")).build());
        tree.apply(WatchEvent.newBuilder().setUpdate(entry("data/dir/b", "2")).build());

        assertEquals(1, tree.purgeDeleted(2_000), "data/dir/a goes");
        assertEquals("2", tree.find("data/dir/b").valueText());
        assertTrue(!tree.find("data/dir").isDeleted() && !tree.find("data").isDeleted());
    }

    private void sync() {
        tree.apply(WatchEvent.newBuilder().setSync(SyncMarker.getDefaultInstance()).build());
    }

    @Test
    void snapshotSplitsPathsIntoASortedTree() {
        snapshot("device/vif/0/mac", "00:16:3e:5a:1c:07");
        snapshot("device/vbd/51712/state", "4");
        snapshot("domid", "7");

        assertEquals(List.of("device", "domid"), names(tree.root()));
        KeyNode device = tree.find("device");
        assertEquals(List.of("vbd", "vif"), names(device));
        assertEquals("00:16:3e:5a:1c:07", tree.find("device/vif/0/mac").valueText());
        assertEquals(0, tree.find("domid").changedAt(), "snapshot entries are not changes");
    }

    @Test
    void keysWithoutSlashesStayFlat() {
        snapshot("guestinfo.ip", "192.0.2.17");
        snapshot("guestinfo.hostname", "demo");

        assertEquals(List.of("guestinfo.hostname", "guestinfo.ip"), names(tree.root()));
    }

    @Test
    void updatesAfterTheSyncMarkerAreMarkedWithTheirTime() {
        snapshot("data/x", "1");
        tree.apply(WatchEvent.newBuilder().setSync(SyncMarker.getDefaultInstance()).build());
        tree.takeChanges();
        clock.set(5_000);

        tree.apply(WatchEvent.newBuilder().setUpdate(entry("data/x", "2")).build());

        KeyNode node = tree.find("data/x");
        assertEquals("2", node.valueText());
        assertEquals(5_000, node.changedAt());
        assertEquals(Set.of(node), tree.takeChanges().nodes());
    }

    @Test
    void liveDeletesAreMarkedThenPurged() {
        snapshot("data/dir/a", "1");
        snapshot("data/keep", "2");
        tree.apply(WatchEvent.newBuilder().setSync(SyncMarker.getDefaultInstance()).build());
        clock.set(2_000);

        tree.apply(WatchEvent.newBuilder().setDeleted(KeyDeleted.newBuilder().setKey("data/dir")).build());

        assertTrue(tree.find("data/dir").isDeleted());
        assertTrue(tree.find("data/dir/a").isDeleted(), "the subtree goes with its parent");
        assertEquals(0, tree.purgeDeleted(1_999), "nothing deleted that early");
        assertEquals(2, tree.purgeDeleted(2_000));
        assertNull(tree.find("data/dir/a"));
        assertEquals(List.of("keep"), names(tree.find("data")));
    }

    @Test
    void filterShowsMatchesTheirAncestorsAndTheirSubtrees() {
        snapshot("device/vif/0/mac", "m");
        snapshot("device/vif/0/state", "4");
        snapshot("device/vbd/51712/state", "4");
        snapshot("name", "demo");

        tree.setFilter(new KeyFilter("VIF/0"));

        assertEquals(List.of("device"), visibleNames(tree.root()));
        assertEquals(List.of("vif"), visibleNames(tree.find("device")));
        assertEquals(List.of("mac", "state"), visibleNames(tree.find("device/vif/0")));
        assertEquals(5, tree.visibleCount(), "device, vif, 0, mac, state");
    }

    @Test
    void filterOccurrencesAreFoundIgnoringCase() {
        List<int[]> found = new KeyFilter("ac").occurrences("MAC-mac");

        assertEquals(2, found.size());
        assertEquals(1, found.get(0)[0]);
        assertEquals(5, found.get(1)[0]);
    }

    private void snapshot(String key, String value) {
        tree.apply(WatchEvent.newBuilder().setSnapshot(entry(key, value)).build());
    }

    private static KvEntry entry(String key, String value) {
        return KvEntry.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value))
                .setAccess(KvEntry.Access.READ_ONLY).build();
    }

    private static List<String> names(KeyNode parent) {
        List<String> names = new ArrayList<>();
        parent.children().forEach(child -> names.add(child.name()));
        return names;
    }

    private List<String> visibleNames(KeyNode parent) {
        return tree.visibleChildren(parent).stream().map(KeyNode::name).toList();
    }
}
