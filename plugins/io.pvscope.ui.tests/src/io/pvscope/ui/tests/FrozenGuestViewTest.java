package io.pvscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.TargetSecurity;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.core.tests.agent.TestCertificates;
import io.pvscope.testsupport.files.FileTrees;
import io.pvscope.testsupport.guest.QemuGuest;
import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.internal.keyvalue.KeyValueView;
import io.pvscope.ui.internal.views.TargetsView;

/**
 * The moment PvScope is for, in the IDE: a real guest (QEMU, Debian's stock kernel) with the agent in it,
 * reached the remote way (mutual TLS through a forwarded port), frozen whole with QMP {@code stop} as a
 * kernel debugger's breakpoint freezes it, then resumed with {@code cont}: read from the widgets.
 */
class FrozenGuestViewTest {

    private static final String WHY = "(the guest may be stopped at a breakpoint)";

    @RegisterExtension
    final Teardown teardown = new Teardown();

    @Test
    void theViewsSayTheFrozenGuestDoesNotAnswerKeepItsKeysAndComeBackWhenItRuns() throws Exception {
        Optional<String> unavailable = QemuGuest.unavailableReason();
        assumeTrue(unavailable.isEmpty(), () -> "no QEMU guest here: " + unavailable.orElse(""));
        Path work = Files.createTempDirectory("pvscope-frozen-guest");
        teardown.close(() -> FileTrees.delete(work));
        // The guest sees this machine's root read-only, but its own tmpfs over /tmp and /root: the jar and the
        // certificates go to the work folder, which it shares at the same path.
        Path jar = Files.copy(Path.of(System.getProperty(AgentProcess.JAR_PROPERTY)), work.resolve("pvscope-agent.jar"));
        TestCertificates pki = TestCertificates.create(work);
        int port = QemuGuest.freeHostPort();
        List<String> serve = List.of(QemuGuest.hostJava(), "-jar", jar.toString(), "serve", "--listen", "0.0.0.0:7393",
                "--tls-cert", pki.serverCert().toString(), "--tls-key", pki.serverKey().toString(),
                "--client-ca", pki.ca().toString(), "--store", "sim=/tmp/sim.json");
        Target address = new Target("frozen guest", "127.0.0.1", port).withSecurity(new TargetSecurity(true,
                pki.ca().toString(), pki.clientCert().toString(), pki.clientKey().toString()));
        QemuGuest guest = teardown.close(QemuGuest.startServer(work, List.of(port + ":7393"), serve,
                Duration.ofMinutes(3), () -> answers(address)));

        IWorkbenchPage page = Workbench.openPerspective(Workbench.window());
        teardown.remove(Workbench.addAndConnect(page, address));
        TargetsView targets = (TargetsView) page.showView(PvScopeUi.TARGETS_VIEW_ID);
        KeyValueView keys = (KeyValueView) page.showView(PvScopeUi.KEY_VALUE_VIEW_ID);
        Ui.waitUntil("the guest's store is loaded", Workbench.UI_TIMEOUT,
                () -> keys.tree() != null && keys.tree().isLive());
        String mac = KeyTreeItems.waitFor(keys, "device/vif/0/mac").getText(1);

        long stopped = System.nanoTime();
        guest.qmp("stop");
        Ui.waitUntil("the Targets view says not answering", Workbench.UI_TIMEOUT,
                () -> Workbench.targetStatus(targets).startsWith("not answering since ")
                        && Workbench.targetStatus(targets).endsWith(WHY));
        long noticed = System.nanoTime();
        Ui.waitUntil("the Key/Value view says its keys are the last known", Workbench.UI_TIMEOUT,
                () -> keys.showsLastKnown() && keys.getContentDescription()
                        .endsWith("the keys shown are the last known, read-only until it answers"));
        assertEquals(mac, KeyTreeItems.waitFor(keys, "device/vif/0/mac").getText(1), "the last keys stay");
        Ui.settle(Duration.ofSeconds(5));
        assertTrue(keys.showsLastKnown(), "still not answering while the guest is frozen");

        long resumed = System.nanoTime();
        guest.qmp("cont");
        Ui.waitUntil("the Targets view says connected again", Workbench.UI_TIMEOUT,
                () -> Workbench.targetStatus(targets).startsWith("connected"));
        long back = System.nanoTime();
        Ui.waitUntil("the Key/Value view is current again", Workbench.UI_TIMEOUT, () -> !keys.showsLastKnown());
        System.out.printf("FrozenGuestViewTest: QMP stop → 'not answering' in the Targets view after %d ms;"
                + " QMP cont → 'connected' after %d ms%n", TimeUnit.NANOSECONDS.toMillis(noticed - stopped),
                TimeUnit.NANOSECONDS.toMillis(back - resumed));
    }

    /** Whether the agent in the guest takes a connection yet (its JVM starts slowly under emulation). */
    private static boolean answers(Target address) {
        TargetConnection probe = new TargetConnection(address, connection -> {
        });
        try {
            probe.connect().get(10, TimeUnit.SECONDS);
            return true;
        } catch (Exception notYet) {
            return false;
        } finally {
            probe.disconnect();
        }
    }
}
