package io.pvscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.views.properties.PropertySheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.proto.v1.AgentInfo;
import io.pvscope.proto.v1.BackendStatus;
import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.internal.keyvalue.KeyValueView;
import io.pvscope.ui.internal.views.TargetsView;

/**
 * Selecting a target in the Targets view shows in the workbench's Properties view what its agent says about
 * itself and each of its stores, as a second, independent client of the same agent hears it.
 */
class TargetPropertiesTest {

    @RegisterExtension
    final Teardown teardown = new Teardown();

    @Test
    void aConfidentialGuestIsSaidToBeOneWithWhatThatMeansForItsValues() throws Exception {
        // An agent detecting on a captured root: an Azure-like SEV-SNP guest behind a Hyper-V paravisor.
        Path root = Path.of(System.getProperty("pvscope.agent.jar")).toAbsolutePath().getParent().getParent()
                .resolve("src/test/resources/roots/hyperv-snp-isolated");
        AgentProcess agent = teardown.close(AgentProcess.start(List.of("--root", root.toString())));
        IWorkbenchPage page = Workbench.openPerspective(Workbench.window());
        Target target = teardown.remove(Workbench.addAndConnect(page, agent.target()));
        // The Key/Value view reads the target's units, where detection's answer is.
        KeyValueView keys = (KeyValueView) page.showView(PvScopeUi.KEY_VALUE_VIEW_ID);
        Ui.waitUntil("the units are read", Workbench.UI_TIMEOUT,
                () -> keys.connection() != null && keys.connection().units().isPresent());
        PropertySheet properties = selectInTargets(page, target);

        Ui.waitUntil("the Properties view shows the guest", Workbench.UI_TIMEOUT,
                () -> PropertyRows.of(properties).containsKey("Confidential computing"));
        assertEquals("sev-snp, behind a Hyper-V paravisor; values from the host's stores are untrusted input",
                PropertyRows.of(properties).get("Confidential computing"));
    }

    @Test
    void theSelectedTargetsAgentAndStoresAreInThePropertiesView() throws Exception {
        AgentProcess agent = teardown.close(AgentProcess.start());
        IWorkbenchPage page = Workbench.openPerspective(Workbench.window());
        Target target = teardown.remove(Workbench.addAndConnect(page, agent.target()));
        TargetConnection own = new TargetConnection(agent.target(), c -> {
        });
        teardown.close(own::disconnect);
        own.connect().get(30, TimeUnit.SECONDS);
        AgentInfo info = own.agentInfo().orElseThrow();
        PropertySheet properties = selectInTargets(page, target);

        Ui.waitUntil("the Properties view shows the agent", Workbench.UI_TIMEOUT,
                () -> PropertyRows.of(properties).containsKey("Version"));
        Map<String, String> shown = PropertyRows.of(properties);

        assertEquals(target.address(), shown.get("Address"));
        assertEquals("plaintext", shown.get("Security"));
        assertEquals(info.getAgentVersion(), shown.get("Version"));
        assertEquals(info.getHostName(), shown.get("Host"));
        assertTrue(info.getBackendsCount() > 0, "the agent reports its stores");
        for (BackendStatus backend : info.getBackendsList()) {
            String name = backend.getUnit() < 0 ? backend.getStore() + " (no unit)"
                    : "unit " + backend.getUnit() + ": " + backend.getStore();
            String status = shown.get(name);
            assertTrue(status != null && status.startsWith(backend.getAvailable() ? "available" : "unavailable"),
                    name + " is shown with its status: " + shown);
            assertTrue(backend.getReason().isEmpty() || status.contains(backend.getReason()), status);
        }
    }

    /** Selects the target in the Targets view afresh, for the Properties view to show it. */
    private static PropertySheet selectInTargets(IWorkbenchPage page, Target target) throws Exception {
        PropertySheet properties = (PropertySheet) page.showView(IPageLayout.ID_PROP_SHEET);
        TargetsView targets = (TargetsView) page.showView(PvScopeUi.TARGETS_VIEW_ID);
        Workbench.activate(page, targets);
        targets.viewer().setSelection(StructuredSelection.EMPTY);
        targets.viewer().setSelection(new StructuredSelection(target), true);
        return properties;
    }
}
