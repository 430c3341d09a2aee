package io.pvscope.agent.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.xenstore.XenstoredProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreDiscoveryTest {

    @TempDir
    Path dir;

    private StoreDiscovery discovery(Map<String, String> environment) {
        return new StoreDiscovery(environment, dir.resolve("sim.json"), "Linux", dir.resolve("no-vmbus"),
                dir.resolve("no-hyperv"));
    }

    private static StoreSelection auto() {
        return new StoreSelection(true, List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static List<String> kinds(StoreDiscovery.Result result) {
        return result.stores().stream().map(store -> store.info().kind()).toList();
    }

    @Test
    void aGuestWithoutStoresGetsTheSimulatedOneAndSaysWhatWasMissing() throws Exception {
        StoreDiscovery.Result result = discovery(Map.of()).open(auto());

        assertThat(kinds(result)).containsExactly("sim");
        assertThat(result.statuses()).filteredOn(s -> !s.available()).extracting(StoreStatus::kind)
                .contains("xenstore", "kvp");
        assertThat(result.statuses()).filteredOn(s -> s.kind().equals("xenstore")).singleElement()
                .extracting(StoreStatus::reason).asString()
                .contains("no /dev/xen/xenbus and no xenstored socket");
        result.stores().forEach(KvStore::close);
    }

    @Test
    void aRunningXenstoredNamedByXenstoredPathIsAttachedInsteadOfTheSimulatedStore() throws Exception {
        try (XenstoredProcess xenstored = XenstoredProcess.start(XenstoredProcess.Daemon.CXENSTORED, dir)) {
            StoreDiscovery.Result result = discovery(Map.of("XENSTORED_PATH", xenstored.socket().toString()))
                    .open(auto());

            assertThat(kinds(result)).containsExactly("xenstore");
            assertThat(result.stores().get(0).list("/")).contains("tool");
            result.stores().forEach(KvStore::close);
        }
    }

    @Test
    void kvpPoolsAreAttachedOnlyOnAHyperVGuest() throws Exception {
        Path vmbus = Files.createDirectories(dir.resolve("sys/bus/vmbus"));
        Path pools = Files.createDirectories(dir.resolve("hyperv"));
        Files.createFile(pools.resolve(".kvp_pool_0"));

        StoreDiscovery.Result onHyperV = new StoreDiscovery(Map.of(), dir.resolve("sim.json"), "Linux", vmbus, pools)
                .open(auto());
        StoreDiscovery.Result elsewhere = new StoreDiscovery(Map.of(), dir.resolve("sim.json"), "Linux",
                dir.resolve("none"), pools).open(auto());

        assertThat(kinds(onHyperV)).containsExactly("kvp");
        assertThat(kinds(elsewhere)).containsExactly("sim");
        assertThat(elsewhere.statuses()).anySatisfy(s -> assertThat(s.reason()).contains("not a Hyper-V guest"));
    }

    @Test
    void namedStoresComeWithoutAutoAndSimulatedFilesAreOpenedAsNamed() throws Exception {
        StoreSelection selection = new StoreSelection(false, List.of(dir.resolve("a.json"), dir.resolve("b.json")),
                Optional.empty(), Optional.empty(), Optional.empty());

        StoreDiscovery.Result result = discovery(Map.of()).open(selection);

        assertThat(result.stores()).extracting(store -> store.info().location())
                .containsExactly(dir.resolve("a.json").toString(), dir.resolve("b.json").toString());
        assertThat(result.statuses()).allMatch(StoreStatus::available);
    }
}
