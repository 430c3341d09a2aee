package io.pvscope.agent.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.pvscope.testsupport.guest.QemuGuest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The shipped agent jar in a real QEMU guest with Debian's stock kernel. That kernel is built with Xen
 * support, so it registers an empty /sys/bus/xen on any hypervisor; this machine's own kernel does not,
 * which is why only a real stock-kernel guest shows whether detection mistakes it for Xen.
 */
class StockKernelGuestIT {

    private static final Path AGENT_JAR = Path.of("target/pvscope-agent.jar");

    @Test
    void aStockKernelUnderQemuTcgHasOnlyTheTcgWindowNoXenAndNoXenRole() throws Exception {
        Optional<String> unavailable = QemuGuest.unavailableReason();
        assumeTrue(unavailable.isEmpty(), () -> "no QEMU guest here: " + unavailable.orElse(""));
        Path work = Path.of("target/guest-stock-kernel").toAbsolutePath();
        Files.createDirectories(work);
        Files.deleteIfExists(work.resolve("detect.json"));
        Files.deleteIfExists(work.resolve("tree.json"));
        Path jar = Files.copy(AGENT_JAR, work.resolve("pvscope-agent.jar"), StandardCopyOption.REPLACE_EXISTING);
        String java = QemuGuest.hostJava();

        List<String> command = List.of("sh", "-c", java + " -jar " + jar + " detect --json > detect.json && "
                + java + " -jar " + jar + " tree --json > tree.json && ls /sys/bus/xen");
        String listing = runOnce(work, command);
        if (listing == null) {
            // See QemuGuest.jvmCrashed: boot once more rather than fail on the emulator's account.
            System.err.println("StockKernelGuestIT: the guest's JVM crashed under emulation; booting again");
            listing = runOnce(work, command);
        }
        assertThat(listing).as("the JVM in the guest crashed twice").isNotNull();
        assertThat(listing).as("the stock kernel registers the xenbus").contains("devices");

        JsonObject detect = JsonParser.parseString(Files.readString(work.resolve("detect.json"))).getAsJsonObject();
        assertThat(detect.getAsJsonArray("units")).singleElement().satisfies(unit -> {
            assertThat(unit.getAsJsonObject().get("name").getAsString()).isEqualTo("unknown");
            assertThat(unit.getAsJsonObject().get("signature").getAsString()).isEqualTo("TCGTCGTCGTCG");
        });
        assertThat(detect.get("role").isJsonNull()).as("role: %s", detect.get("role")).isTrue();
        assertThat(detect.getAsJsonObject("confidential").get("technology").getAsString())
                .as("an ordinary TCG guest is no confidential one").isEqualTo("none");
        assertThat(strings(detect.getAsJsonArray("evidence"), "subject")).contains("/sys/bus/xen");

        String tree = Files.readString(work.resolve("tree.json"));
        assertThat(tree).doesNotContain("\"xen\"").doesNotContain("/sys/bus/xen");
    }

    /** Boots the guest and runs the command: its output, or null when the guest's JVM crashed. */
    private static String runOnce(Path work, List<String> command) throws Exception {
        try (QemuGuest guest = QemuGuest.start(work, List.of(), command)) {
            Optional<Integer> exit = guest.awaitExit(5, TimeUnit.MINUTES);
            if (exit.orElse(0) != 0 && guest.jvmCrashed(exit, work.resolve("detect.json"), work.resolve("tree.json"))) {
                return null;
            }
            assertThat(exit).as("guest console:%n%s%nstderr:%n%s", guest.console(), guest.stderr()).contains(0);
            return guest.stdout();
        }
    }

    private static List<String> strings(JsonArray array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonElement::getAsJsonObject)
                .map(o -> o.get(field).getAsString()).toList();
    }
}
