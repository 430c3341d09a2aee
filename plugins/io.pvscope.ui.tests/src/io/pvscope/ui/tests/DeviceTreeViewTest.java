package io.pvscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.pvscope.core.BusTree;
import io.pvscope.core.ConnectionStatus;
import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.TargetManager;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.proto.v1.DeviceNode;
import io.pvscope.proto.v1.DeviceTree;
import io.pvscope.proto.v1.ListUnitsResponse;
import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.internal.views.DeviceTreeView;
import io.pvscope.ui.internal.views.TargetsView;

/** Drives the PvScope perspective against the real agent, as a user would from the Targets view. */
class DeviceTreeViewTest {

    private static final Duration UI_TIMEOUT = Duration.ofSeconds(30);

    private AgentProcess agent;
    private IWorkbenchWindow window;
    private IWorkbenchPage page;
    private Target target;

    @BeforeEach
    void openPerspective() throws Exception {
        agent = AgentProcess.start();
        IWorkbench workbench = PlatformUI.getWorkbench();
        window = workbench.getActiveWorkbenchWindow();
        window.getShell().setBounds(0, 0, 1280, 800);
        page = workbench.showPerspective(PvScopeUi.PERSPECTIVE_ID, window);
    }

    @AfterEach
    void removeTargetAndStopAgent() throws Exception {
        if (target != null) {
            PvScopeCore.targets().remove(target);
        }
        agent.close();
    }

    @Test
    void deviceTreeShowsTheUnitsTheAgentLists() throws Exception {
        TargetsView targetsView = (TargetsView) page.showView(PvScopeUi.TARGETS_VIEW_ID);
        DeviceTreeView treeView = (DeviceTreeView) page.showView(PvScopeUi.DEVICE_TREE_VIEW_ID);
        TargetManager targets = PvScopeCore.targets();

        target = targets.add(agent.target());
        Ui.waitUntil("the target is listed", UI_TIMEOUT,
                () -> Arrays.asList(targetsView.viewer().getTable().getItems()).stream()
                        .anyMatch(item -> item.getData() == target));
        page.activate(targetsView);
        targetsView.viewer().setSelection(new StructuredSelection(target), true);
        Workbench.execute(page, PvScopeUi.CONNECT_COMMAND_ID);

        List<String> expected = unitLabelsFromTheAgent();
        Ui.waitUntil("the device tree shows the agent's units", UI_TIMEOUT,
                () -> expected.equals(unitLabels(treeView.viewer().getTree())));

        TreeItem mainbus = treeView.viewer().getTree().getItem(0);
        assertEquals("mainbus0", mainbus.getText());
        assertEquals("pvbus0", mainbus.getItem(0).getText());
        assertEquals(expected, unitLabels(treeView.viewer().getTree()));
        // A device's decoded state is painted beside its name ("vio0  DRIVER_OK"): the names are compared.
        assertEquals(devicesOfFirstUnitFromTheAgent(), Arrays.stream(mainbus.getItem(0).getItem(0).getItems())
                .map(item -> ((io.pvscope.core.BusNode) item.getData()).label()).toList(),
                "devices hang under their unit");
        assertFalse(expected.isEmpty(), "the agent found at least one unit on this machine");
        assertEquals(ConnectionStatus.CONNECTED, targets.connection(target).state().status());
        assertTrue(targetsView.viewer().getTable().getItem(0).getText(2).startsWith("connected"),
                targetsView.viewer().getTable().getItem(0).getText(2));

        saveScreenshot(treeView);
    }

    /** What ListUnits answers, asked through the core client on a connection of its own. */
    private List<String> unitLabelsFromTheAgent() throws Exception {
        TargetConnection own = new TargetConnection(agent.target(), c -> {
        });
        try {
            own.connect().get(30, TimeUnit.SECONDS);
            ListUnitsResponse response = own.fetchUnits().get(30, TimeUnit.SECONDS);
            return response.getUnitsList().stream().map(BusTree::unitLabel).toList();
        } finally {
            own.disconnect();
        }
    }

    /** What GetDeviceTree answers under the first unit, asked through the core client. */
    private List<String> devicesOfFirstUnitFromTheAgent() throws Exception {
        TargetConnection own = new TargetConnection(agent.target(), c -> {
        });
        try {
            own.connect().get(30, TimeUnit.SECONDS);
            DeviceTree tree = own.fetchDeviceTree().get(30, TimeUnit.SECONDS);
            return tree.getRoot().getChildren(0).getChildren(0).getChildrenList().stream()
                    .map(DeviceNode::getName).toList();
        } finally {
            own.disconnect();
        }
    }

    private static List<String> unitLabels(Tree tree) {
        if (tree.getItemCount() == 0 || tree.getItem(0).getItemCount() == 0) {
            return List.of();
        }
        TreeItem pvbus = tree.getItem(0).getItem(0);
        return Arrays.stream(pvbus.getItems()).map(TreeItem::getText).toList();
    }

    /** Selects the first unit, so the Properties view shows its details too, and saves the tree's area. */
    private void saveScreenshot(DeviceTreeView treeView) throws Exception {
        Path file = Ui.screenshot("device-tree.png");
        if (file == null) {
            return;
        }
        page.activate(treeView);
        TreeItem unit = treeView.viewer().getTree().getItem(0).getItem(0).getItem(0);
        treeView.viewer().setSelection(new StructuredSelection(unit.getData()), true);
        Ui.settle(Duration.ofMillis(500));
        Ui.saveScreenshot(treeView.viewer().getControl(), file);
        assertTrue(Files.size(file) > 0, file + " was written");
    }
}
