package io.pvscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.viewers.CellLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.views.properties.PropertySheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.pvscope.core.BusNode;
import io.pvscope.core.kv.KeyNode;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.core.tests.agent.RealXenstored;
import io.pvscope.testsupport.xenstore.Xenstored;
import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.internal.PvScopeImages;
import io.pvscope.ui.internal.keyvalue.KeyValueView;
import io.pvscope.ui.internal.views.DeviceTreeView;

/**
 * XenBus devices in the IDE, from the real cxenstored seeded as libxl seeds a vif and a vbd for domain 7:
 * the Device Tree shows each pair under the store's unit with its states by name, a problem marker and its
 * reason on the broken one, the Properties view the negotiation table, and the Key/Value view names the
 * state nodes and goes from a frontend to its backend. Read from the widgets.
 */
class XenbusDeviceViewTest {

    private static final String VIF_FRONT = "/local/domain/7/device/vif/0";
    private static final String VIF_BACK = "/local/domain/0/backend/vif/7/0";
    private static final String VBD_FRONT = "/local/domain/7/device/vbd/51712";
    private static final String VBD_BACK = "/local/domain/0/backend/vbd/7/51712";

    @RegisterExtension
    final Teardown teardown = new Teardown();

    @Test
    void pairsAreShownWithTheirStatesProblemsNegotiationAndOtherEnd() throws Exception {
        Xenstored xenstored = teardown.close(RealXenstored.start());
        xenstored.write("/local/domain/0/domid", "0");
        xenstored.write("/local/domain/7/domid", "7");
        pair(xenstored, VIF_FRONT, VIF_BACK);
        pair(xenstored, VBD_FRONT, VBD_BACK);
        // The network device connected, with its negotiation; the block frontend Connected to a backend at InitWait.
        xenstored.write(VIF_BACK + "/feature-rx-copy", "1");
        xenstored.write(VIF_BACK + "/multi-queue-max-queues", "2");
        xenstored.write(VIF_FRONT + "/request-rx-copy", "1");
        xenstored.write(VIF_FRONT + "/tx-ring-ref", "8");
        xenstored.write(VIF_FRONT + "/rx-ring-ref", "9");
        xenstored.write(VIF_BACK + "/state", "4");
        xenstored.write(VIF_FRONT + "/state", "4");
        xenstored.write(VBD_BACK + "/state", "2");
        xenstored.write(VBD_FRONT + "/state", "4");
        AgentProcess agent = teardown.close(AgentProcess.serve(List.of("--xenstore", xenstored.socket().toString())));
        IWorkbenchPage page = Workbench.openPerspective(Workbench.window());
        teardown.remove(Workbench.addAndConnect(page, agent.target()));
        DeviceTreeView devices = (DeviceTreeView) page.showView(PvScopeUi.DEVICE_TREE_VIEW_ID);

        TreeItem vif = waitForItem(devices, "vif/0 (network)");
        TreeItem vbd = waitForItem(devices, "vbd/51712 (block)");

        assertEquals("vif/0 (network)  4 (Connected) / 4 (Connected)", vif.getText());
        assertEquals("vbd/51712 (block)  4 (Connected) / 2 (InitWait)", vbd.getText());
        assertEquals(PvScopeImages.get(PvScopeImages.DEVICE), vif.getImage(), "no problem: the plain icon");
        assertNotSame(PvScopeImages.get(PvScopeImages.DEVICE), vbd.getImage(), "a problem: the icon is marked");
        CellLabelProvider labels = (CellLabelProvider) devices.viewer().getLabelProvider();
        assertEquals("the frontend is Connected to a backend in 2 (InitWait)", labels.getToolTipText(vbd.getData()));
        assertNull(labels.getToolTipText(vif.getData()));

        PropertySheet properties = (PropertySheet) page.showView(IPageLayout.ID_PROP_SHEET);
        Workbench.activate(page, devices);
        devices.viewer().setSelection(new StructuredSelection(vif.getData()), true);
        Ui.waitUntil("the Properties view shows the device", Workbench.UI_TIMEOUT,
                () -> PropertyRows.of(properties).containsKey("frontend state"));
        Map<String, String> shown = PropertyRows.of(properties);
        assertEquals("4 (Connected)", shown.get("backend state"));
        assertEquals(VIF_BACK, shown.get("backend"));
        assertEquals("offered feature-rx-copy=1; requested request-rx-copy=1", shown.get("feature: receive by copy"));
        assertEquals("offered multi-queue-max-queues=2; requested multi-queue-num-queues (not written)",
                shown.get("feature: queues"));
        assertEquals("8", shown.get("ring tx-ring-ref"));
        assertTrue(shown.get("timeline 01").endsWith("4/4 (first seen)"), shown.get("timeline 01"));
        saveScreenshot(page, devices, vbd);

        // blkback catches up: the tree follows without a Refresh, and keeps the selection.
        devices.viewer().setSelection(new StructuredSelection(vbd.getData()), true);
        xenstored.write(VBD_BACK + "/state", "4");
        Ui.waitUntil("the Device Tree shows the block device connected", Workbench.UI_TIMEOUT,
                () -> "vbd/51712 (block)  4 (Connected) / 4 (Connected)".equals(
                        waitForItem(devices, "vbd/51712 (block)").getText()));
        TreeItem connected = waitForItem(devices, "vbd/51712 (block)");
        assertEquals(PvScopeImages.get(PvScopeImages.DEVICE), connected.getImage(), "its problem is gone");
        assertEquals("vbd/51712 (block)", ((BusNode) ((IStructuredSelection) devices.viewer().getSelection())
                .getFirstElement()).label(), "the selection stays on the device");

        KeyValueView keys = (KeyValueView) page.showView(PvScopeUi.KEY_VALUE_VIEW_ID);
        Ui.waitUntil("the store is loaded", Workbench.UI_TIMEOUT,
                () -> keys.tree() != null && keys.tree().isLive() && keys.tree().find(VBD_FRONT + "/state") != null);
        assertEquals("4 (Connected)", KeyTreeItems.waitFor(keys, VIF_FRONT + "/state").getText(1));
        assertEquals("4 (Connected)", KeyTreeItems.waitFor(keys, VBD_BACK + "/state").getText(1));
        assertEquals("7", KeyTreeItems.waitFor(keys, VIF_BACK + "/frontend-id").getText(1), "other numbers stay numbers");

        Workbench.activate(page, keys);
        keys.viewer().setSelection(new StructuredSelection(keys.tree().find(VIF_FRONT + "/tx-ring-ref")), true);
        Workbench.execute(page, "io.pvscope.ui.commands.goToBackend");
        assertEquals(VIF_BACK, selectedKey(keys));
        Workbench.execute(page, "io.pvscope.ui.commands.goToFrontend");
        assertEquals(VIF_FRONT, selectedKey(keys));

        // A key of the device shows the device's decoded state in the Properties view too.
        keys.viewer().setSelection(StructuredSelection.EMPTY);
        keys.viewer().setSelection(new StructuredSelection(keys.tree().find(VIF_FRONT + "/state")), true);
        Ui.waitUntil("the Properties view shows the key's device", Workbench.UI_TIMEOUT,
                () -> PropertyRows.of(properties).containsKey("device"));
        Map<String, String> key = PropertyRows.of(properties);
        assertEquals("4 (Connected)", key.get("value"));
        assertEquals("vif/0 (network)  4 (Connected) / 4 (Connected)", key.get("device"));
        assertEquals("offered feature-rx-copy=1; requested request-rx-copy=1", key.get("feature: receive by copy"));
    }

    /** A frontend and its backend as libxl writes them, both at Initialising. */
    private static void pair(Xenstored xenstored, String front, String back) throws Exception {
        xenstored.write(front + "/backend", back);
        xenstored.write(front + "/backend-id", "0");
        xenstored.write(front + "/state", "1");
        xenstored.write(back + "/frontend", front);
        xenstored.write(back + "/frontend-id", "7");
        xenstored.write(back + "/state", "1");
    }

    private static TreeItem waitForItem(DeviceTreeView view, String label) {
        TreeItem[] found = new TreeItem[1];
        Ui.waitUntil(label + " is in the Device Tree", Workbench.UI_TIMEOUT,
                () -> (found[0] = find(view.viewer().getTree().getItems(), label)) != null);
        return found[0];
    }

    private static TreeItem find(TreeItem[] items, String label) {
        for (TreeItem item : items) {
            if (item.getData() instanceof BusNode node && node.label().equals(label)) {
                return item;
            }
            TreeItem below = find(item.getItems(), label);
            if (below != null) {
                return below;
            }
        }
        return null;
    }

    private static String selectedKey(KeyValueView keys) {
        List<String> selected = new ArrayList<>();
        ((IStructuredSelection) keys.viewer().getSelection()).forEach(item -> selected.add(((KeyNode) item).key()));
        return String.join(",", selected);
    }

    private static void saveScreenshot(IWorkbenchPage page, DeviceTreeView devices, TreeItem problem) throws Exception {
        Path file = Ui.screenshot("device-state.png");
        if (file == null) {
            return;
        }
        devices.viewer().setSelection(new StructuredSelection(problem.getData()), true);
        page.getWorkbenchWindow().getShell().forceActive();
        Ui.settle(java.time.Duration.ofMillis(500));
        Ui.saveScreenshot(page.getWorkbenchWindow().getShell(), file);
    }
}
