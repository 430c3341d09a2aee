package io.pvscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
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
import io.pvscope.ui.internal.views.TargetsView;

/**
 * Selecting a target in the Targets view shows in the workbench's Properties view what its agent says about
 * itself and each of its stores, as a second, independent client of the same agent hears it.
 */
class TargetPropertiesTest {

    @RegisterExtension
    final Teardown teardown = new Teardown();

    @Test
    void theSelectedTargetsAgentAndStoresAreInThePropertiesView() throws Exception {
        AgentProcess agent = teardown.close(AgentProcess.start());
        IWorkbenchPage page = Workbench.openPerspective(Workbench.window());
        Target target = teardown.remove(Workbench.addAndConnect(page, agent.target()));
        TargetConnection own = new TargetConnection(agent.target(), c -> {
        });
        teardown.close(own::disconnect);
        AgentInfo info = own.connect().get(30, TimeUnit.SECONDS);
        PropertySheet properties = (PropertySheet) page.showView(IPageLayout.ID_PROP_SHEET);
        TargetsView targets = (TargetsView) page.showView(PvScopeUi.TARGETS_VIEW_ID);
        Workbench.activate(page, targets);
        targets.viewer().setSelection(StructuredSelection.EMPTY);
        targets.viewer().setSelection(new StructuredSelection(target), true);

        Ui.waitUntil("the Properties view shows the agent", Workbench.UI_TIMEOUT,
                () -> rows(properties).containsKey("Version"));
        Map<String, String> shown = rows(properties);

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

    /** The Properties view's rows, name to value, with every category opened as a user would. */
    private static Map<String, String> rows(PropertySheet properties) {
        Tree tree = (Tree) properties.getCurrentPage().getControl();
        Map<String, String> rows = new LinkedHashMap<>();
        for (TreeItem item : tree.getItems()) {
            collect(tree, item, rows);
        }
        return rows;
    }

    private static void collect(Tree tree, TreeItem item, Map<String, String> rows) {
        if (item.getItemCount() > 0 && !item.getExpanded()) {
            Event expand = new Event();
            expand.item = item;
            tree.notifyListeners(SWT.Expand, expand);
            item.setExpanded(true);
        }
        if (item.getItemCount() == 0) {
            rows.put(item.getText(0), item.getText(1));
        }
        for (TreeItem child : item.getItems()) {
            collect(tree, child, rows);
        }
    }
}
