package io.pvscope.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import io.pvscope.core.StoreErrors;
import io.pvscope.core.UnitStore;
import io.pvscope.core.tests.agent.ConnectedAgent;
import io.pvscope.proto.v1.KvEntry;

/** Reads, writes, deletes and lists through the core client against the real agent's simulated store. */
class UnitStoreTest {

    private static ConnectedAgent peer;
    private static UnitStore store;

    @BeforeAll
    static void connect() throws Exception {
        peer = ConnectedAgent.start();
        store = peer.simulatedStore();
    }

    @AfterAll
    static void stop() throws Exception {
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void writtenValueIsReadBack() throws Exception {
        store.write("data/written", ByteString.copyFromUtf8("hello")).get(30, TimeUnit.SECONDS);

        assertEquals("hello", store.read("data/written").get(30, TimeUnit.SECONDS).getValue().toStringUtf8());
    }

    @Test
    void writeOutsideTheAllowedPrefixIsRefusedWithEacces() {
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> store.write("name", ByteString.copyFromUtf8("other")).get(30, TimeUnit.SECONDS));

        assertEquals("EACCES", StoreErrors.errno(refused).orElseThrow());
        assertTrue(StoreErrors.describe(refused).startsWith("EACCES"), StoreErrors.describe(refused));
    }

    @Test
    void deletedKeyIsNotFound() throws Exception {
        store.write("data/doomed", ByteString.copyFromUtf8("x")).get(30, TimeUnit.SECONDS);

        store.delete("data/doomed").get(30, TimeUnit.SECONDS);

        ExecutionException missing = assertThrows(ExecutionException.class,
                () -> store.read("data/doomed").get(30, TimeUnit.SECONDS));
        assertEquals("ENOENT", StoreErrors.errno(missing).orElseThrow());
    }

    @Test
    void listTellsWhichChildrenAreWritable() throws Exception {
        List<KvEntry> root = store.list("", "", true).get(30, TimeUnit.SECONDS);
        List<KvEntry> data = store.list("data", "", true).get(30, TimeUnit.SECONDS);

        KvEntry name = root.stream().filter(entry -> entry.getKey().equals("name")).findFirst().orElseThrow();
        KvEntry updated = data.stream().filter(entry -> entry.getKey().equals("data/updated")).findFirst()
                .orElseThrow();
        assertTrue(root.stream().anyMatch(entry -> entry.getKey().equals("data") && entry.getHasChildren()));
        assertEquals(KvEntry.Access.READ_WRITE, updated.getAccess(), "the agent allows writes under data/");
        assertEquals(KvEntry.Access.READ_ONLY, name.getAccess());
        assertFalse(name.getValue().isEmpty(), "values come with the listing");
    }
}
