package io.pvscope.agent.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.fs.SystemRoot;
import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.StoreBackend;
import io.pvscope.agent.kv.StoreStatus;
import io.pvscope.agent.kv.xenstore.RealXenstored;
import io.pvscope.testsupport.xenstore.Xenstored;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Auto mode on a system root of the test's own making, so that what the build machine happens to have
 * (/dev/xen/xenbus, vmware-rpctool, Hyper-V pools) never changes the outcome.
 */
class StoreDiscoveryTest {

    @TempDir
    Path dir;

    private Path root;
    private StoreDiscovery.Result result;

    @AfterEach
    void closeStores() {
        if (result != null) {
            result.stores().forEach(KvStore::close);
        }
    }

    private StoreDiscovery.Result discover(String osName, Map<String, String> environment, StoreSelection selection)
            throws Exception {
        root = Files.createDirectories(dir.resolve("root"));
        StoreBackend.Guest guest = new StoreBackend.Guest(SystemRoot.of(root), osName, environment);
        result = new StoreDiscovery(guest, dir.resolve("sim.json")).open(selection);
        return result;
    }

    private Path inRoot(String guestPath) throws Exception {
        Path path = dir.resolve("root").resolve(guestPath.substring(1));
        Files.createDirectories(path.getParent());
        return path;
    }

    private static List<String> kinds(StoreDiscovery.Result result) {
        return result.stores().stream().map(store -> store.info().kind()).toList();
    }

    private static List<String> missing(StoreDiscovery.Result result) {
        return result.statuses().stream().filter(status -> !status.available()).map(StoreStatus::kind).toList();
    }

    @Test
    void aLinuxGuestWithoutStoresGetsTheSimulatedOneAndSaysWhatWasMissing() throws Exception {
        discover("Linux", Map.of(), StoreSelection.automatic());

        assertThat(kinds(result)).containsExactly("sim");
        assertThat(missing(result)).containsExactly("xenstore", "kvp", "guestinfo");
        assertThat(result.statuses()).filteredOn(s -> !s.available()).extracting(StoreStatus::reason)
                .containsExactly("no /dev/xen/xenbus and no xenstored socket (/run/xenstored/socket)",
                        "no /sys/bus/vmbus: not a Hyper-V guest", "no /usr/bin/vmware-rpctool (open-vm-tools)");
    }

    @Test
    void anOpenBsdGuestLooksOnlyForItsPvbusDevices() throws Exception {
        discover("OpenBSD", Map.of(), StoreSelection.automatic());

        assertThat(kinds(result)).containsExactly("sim");
        assertThat(missing(result)).isEmpty();
    }

    @Test
    void theXenbusDeviceOfAGuestIsAttached() throws Exception {
        Files.createFile(inRoot("/dev/xen/xenbus"));

        discover("Linux", Map.of(), StoreSelection.automatic());

        assertThat(kinds(result)).containsExactly("xenstore");
        assertThat(result.stores().get(0).info().location()).isEqualTo(root.resolve("dev/xen/xenbus").toString());
        assertThat(missing(result)).doesNotContain("xenstore");
    }

    @Test
    void aRunningXenstoredNamedByXenstoredPathIsAttachedInsteadOfTheSimulatedStore() throws Exception {
        try (Xenstored xenstored = RealXenstored.start(Xenstored.Daemon.CXENSTORED, dir)) {
            discover("Linux", Map.of("XENSTORED_PATH", xenstored.socket().toString()), StoreSelection.automatic());

            assertThat(kinds(result)).containsExactly("xenstore");
            assertThat(result.stores().get(0).list("/")).contains("tool");
        }
    }

    @Test
    void kvpPoolsAreAttachedOnlyOnAHyperVGuest() throws Exception {
        Files.createFile(inRoot("/var/lib/hyperv/.kvp_pool_0"));

        discover("Linux", Map.of(), StoreSelection.automatic());
        assertThat(kinds(result)).containsExactly("sim");
        assertThat(result.statuses()).anySatisfy(s -> assertThat(s.reason()).contains("not a Hyper-V guest"));
        result.stores().forEach(KvStore::close);

        Files.createDirectories(inRoot("/sys/bus/vmbus"));
        discover("Linux", Map.of(), StoreSelection.automatic());
        assertThat(kinds(result)).containsExactly("kvp");
    }

    @Test
    void aGuestinfoToolTheHostDoesNotAnswerIsReportedWithItsReason() throws Exception {
        Path tool = inRoot("/usr/bin/vmware-rpctool");
        Files.writeString(tool, "#!/bin/sh\necho 'Failed sending message to VMware.' >&2\nexit 2\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));

        discover("Linux", Map.of(), StoreSelection.automatic());

        assertThat(result.statuses()).filteredOn(s -> s.kind().equals("guestinfo")).singleElement()
                .satisfies(s -> assertThat(s.available()).isFalse())
                .extracting(StoreStatus::reason).asString().contains("Failed sending message to VMware.");
    }

    @Test
    void namedStoresComeWithoutAutoAndSimulatedFilesAreOpenedAsNamed() throws Exception {
        StoreSelection selection = new StoreSelection(false, List.of(dir.resolve("a.json"), dir.resolve("b.json")),
                Map.of());

        discover("Linux", Map.of(), selection);

        assertThat(result.stores()).extracting(store -> store.info().location())
                .containsExactly(dir.resolve("a.json").toString(), dir.resolve("b.json").toString());
        assertThat(result.statuses()).allMatch(StoreStatus::available);
    }

    @Test
    void storesAreNumberedInTheTablesOrderHoweverTheyWereNamed() throws Exception {
        Path pools = Files.createDirectories(dir.resolve("pools"));
        Files.createFile(inRoot("/dev/xen/xenbus"));

        discover("Linux", Map.of(), new StoreSelection(true, List.of(Path.of("")), Map.of("kvp", pools)));

        assertThat(kinds(result)).containsExactly("xenstore", "kvp", "sim");
        assertThat(missing(result)).containsExactly("guestinfo");
    }
}
