package io.pvscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.pvscope.core.Target;
import io.pvscope.core.kv.KeyNode;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.core.tests.agent.SlowLink;
import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.internal.keyvalue.KeyValueView;
import io.pvscope.ui.internal.views.DeviceTreeView;
import io.pvscope.ui.internal.views.TargetsView;

/**
 * The views under an agent that stops answering while its connection stays open, then answers again, read
 * from the widgets: the agent stopped with SIGSTOP and continued with SIGCONT (as a guest stopped at a
 * breakpoint stops it), and a link that black-holes the traffic and then heals (a partition: no reset, no
 * close, nothing passes).
 */
class StoppedAgentViewTest {

    private static final String WHY = "(the guest may be stopped at a breakpoint)";

    @RegisterExtension
    final Teardown teardown = new Teardown();

    /** What silences the agent, or lets it answer again. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    @Test
    void viewsSayTheAgentIsNotAnsweringKeepTheLastKeysGreyedAndComeBackByThemselves() throws Exception {
        AgentProcess agent = teardown.close(AgentProcess.start());
        silenceAndRevive(agent.target(), "SIGSTOP", agent::stop, "SIGCONT", agent::resume);
    }

    @Test
    void aBlackHoledLinkIsNotAnsweringInEveryViewAndTheViewsComeBackWhenItHeals() throws Exception {
        AgentProcess agent = teardown.close(AgentProcess.start());
        SlowLink link = teardown.close(SlowLink.to(agent.target(), Duration.ZERO));
        silenceAndRevive(link.target(), "black hole", link::blackHole, "heal", link::heal);
        assertTrue(link.forwarded() > 0, "the views talked through the link");
    }

    private void silenceAndRevive(Target target, String silence, Step silencing, String revival, Step reviving)
            throws Exception {
        IWorkbenchPage page = Workbench.openPerspective(Workbench.window());
        teardown.remove(Workbench.addAndConnect(page, target));
        TargetsView targets = (TargetsView) page.showView(PvScopeUi.TARGETS_VIEW_ID);
        DeviceTreeView devices = (DeviceTreeView) page.showView(PvScopeUi.DEVICE_TREE_VIEW_ID);
        Ui.waitUntil("the device tree is shown", Workbench.UI_TIMEOUT,
                () -> devices.viewer().getTree().getItemCount() > 0);
        KeyValueView keys = (KeyValueView) page.showView(PvScopeUi.KEY_VALUE_VIEW_ID);
        Ui.waitUntil("the store is loaded", Workbench.UI_TIMEOUT, () -> keys.tree() != null && keys.tree().isLive());
        TreeItem mac = KeyTreeItems.waitFor(keys, "device/vif/0/mac");
        assertNotEquals(keys.staleForeground(), mac.getForeground(1), "a live row is not greyed");

        silencing.run();
        long stopped = System.nanoTime();
        Ui.waitUntil("the Targets view says not answering", Workbench.UI_TIMEOUT,
                () -> Workbench.targetStatus(targets).startsWith("not answering since ")
                        && Workbench.targetStatus(targets).endsWith(WHY));
        long noticed = System.nanoTime();
        Ui.waitUntil("the Key/Value view says its keys are the last known", Workbench.UI_TIMEOUT,
                () -> keys.getContentDescription().contains("not answering since ")
                        && keys.getContentDescription().endsWith("the keys shown are the last known, read-only until it answers"));
        Ui.waitUntil("the Device Tree says its tree is the last known", Workbench.UI_TIMEOUT,
                () -> devices.getContentDescription().endsWith("the tree shown is the last known"));
        mac = KeyTreeItems.waitFor(keys, "device/vif/0/mac");
        assertEquals("00:16:3e:5a:1c:07", mac.getText(1), "the last keys stay");
        Ui.waitUntil("the rows are greyed", Workbench.UI_TIMEOUT,
                () -> keys.staleForeground().equals(foreground(keys, "device/vif/0/mac")));
        assertTrue(keys.showsLastKnown(), "nothing is edited while the keys are the last known");

        reviving.run();
        long resumed = System.nanoTime();
        Ui.waitUntil("the Targets view says connected again", Workbench.UI_TIMEOUT,
                () -> Workbench.targetStatus(targets).startsWith("connected"));
        Ui.waitUntil("the Key/Value view is current again", Workbench.UI_TIMEOUT,
                () -> !keys.getContentDescription().contains("not answering") && !keys.showsLastKnown());
        Ui.waitUntil("the rows are no longer greyed", Workbench.UI_TIMEOUT,
                () -> foreground(keys, "device/vif/0/mac") != null
                        && !keys.staleForeground().equals(foreground(keys, "device/vif/0/mac")),
                () -> seen(targets, keys));
        System.out.printf("StoppedAgentViewTest: %s → 'not answering' in the Targets view after %d ms;"
                + " %s → 'connected' after %d ms%n", silence, (noticed - stopped) / 1_000_000, revival,
                (System.nanoTime() - resumed) / 1_000_000);
    }

    /** What the views show now, for a failure message. */
    private static String seen(TargetsView targets, KeyValueView keys) {
        org.eclipse.swt.graphics.Color colour = foreground(keys, "device/vif/0/mac");
        String row = colour == null ? "no device/vif/0/mac row"
                : keys.staleForeground().equals(colour) ? "device/vif/0/mac greyed" : "device/vif/0/mac current";
        KeyNode node = keys.tree() == null ? null : keys.tree().find("device/vif/0/mac");
        TreeItem item = KeyTreeItems.item(keys, "device/vif/0/mac");
        row += node == null ? " (no node)" : " (node deleted: " + node.isDeleted() + ", row holds it: "
                + (item != null && item.getData() == node) + ", stale colour " + keys.staleForeground()
                + ", row colour " + colour + ")";
        try {
            java.lang.reflect.Method paints = KeyValueView.class.getDeclaredMethod("paintsLastKnown");
            paints.setAccessible(true);
            row += "; painted as last known: " + paints.invoke(keys);
        } catch (ReflectiveOperationException e) {
            row += "; " + e;
        }
        keys.viewer().refresh();
        org.eclipse.swt.graphics.Color again = foreground(keys, "device/vif/0/mac");
        row += "; after a refresh: " + (again == null ? "no row" : keys.staleForeground().equals(again) ? "greyed"
                : "current");
        return row + "; last known: " + keys.showsLastKnown() + "; Targets view: '" + Workbench.targetStatus(targets)
                + "'; Key/Value view: '" + keys.getContentDescription() + "'";
    }

    /** The Value column's colour of the key's row, or null when the row is not there now. */
    private static org.eclipse.swt.graphics.Color foreground(KeyValueView view, String key) {
        TreeItem item = KeyTreeItems.item(view, key);
        return item == null ? null : item.getForeground(1);
    }

}
