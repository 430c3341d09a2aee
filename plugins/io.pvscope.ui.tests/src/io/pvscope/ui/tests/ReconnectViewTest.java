package io.pvscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.protobuf.ByteString;

import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.core.tests.agent.Agents;
import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.internal.keyvalue.KeyValueView;
import io.pvscope.ui.internal.views.DeviceTreeView;
import io.pvscope.ui.internal.views.TargetsView;

/** Killing the agent shows in the views; a new agent on the same port is found again and its keys shown. */
class ReconnectViewTest {

    @RegisterExtension
    final Teardown teardown = new Teardown();
    private AgentProcess agent;

    @Test
    void lostAgentShowsAsReconnectingAndIsBackWhenAnAgentListensAgain() throws Exception {
        agent = teardown.close(AgentProcess.start());
        IWorkbenchPage page = Workbench.openPerspective(Workbench.window());
        Target target = teardown.remove(Workbench.addAndConnect(page, agent.target()));
        TargetsView targets = (TargetsView) page.showView(PvScopeUi.TARGETS_VIEW_ID);
        DeviceTreeView devices = (DeviceTreeView) page.showView(PvScopeUi.DEVICE_TREE_VIEW_ID);
        Ui.waitUntil("the device tree is shown", Workbench.UI_TIMEOUT,
                () -> devices.viewer().getTree().getItemCount() > 0);
        KeyValueView keys = (KeyValueView) page.showView(PvScopeUi.KEY_VALUE_VIEW_ID);
        Ui.waitUntil("the store is loaded", Workbench.UI_TIMEOUT, () -> keys.tree() != null && keys.tree().isLive());

        agent.kill();
        Ui.waitUntil("the Targets view says reconnecting", Workbench.UI_TIMEOUT,
                () -> Workbench.targetStatus(targets).startsWith("reconnecting"));
        Ui.waitUntil("the Key/Value view says the agent was lost", Workbench.UI_TIMEOUT,
                () -> keys.getContentDescription().contains("agent lost"));
        assertTrue(keys.tree() != null && keys.tree().find("device/vif/0/mac") != null,
                "the last keys stay visible while reconnecting");
        assertTrue(keys.showsLastKnown(), "they are only the last known: greyed, read-only");
        Ui.waitUntil("the Key/Value view says they are the last known", Workbench.UI_TIMEOUT,
                () -> keys.getContentDescription().endsWith("read-only until it is reconnected"),
                keys::getContentDescription);
        Ui.waitUntil("the Device Tree says its tree is the last known", Workbench.UI_TIMEOUT,
                () -> devices.getContentDescription().endsWith("the tree shown is the last known"),
                devices::getContentDescription);

        agent = teardown.close(AgentProcess.start(agent.store(), target.port()));
        writeMarker();
        Ui.waitUntil("the Targets view says connected", Workbench.UI_TIMEOUT,
                () -> Workbench.targetStatus(targets).startsWith("connected"));
        Ui.waitUntil("the keys of the new agent are shown", Workbench.UI_TIMEOUT,
                () -> keys.tree() != null && keys.tree().find("data/marker") != null);
    }

    /** A key only the new agent's store has, to tell its snapshot from the old one. */
    private void writeMarker() throws Exception {
        TargetConnection own = new TargetConnection(agent.target(), c -> {
        });
        try {
            own.connect().get(30, TimeUnit.SECONDS);
            own.store(Agents.simulatedUnit(own)).write("data/marker", ByteString.copyFromUtf8("new agent"))
                    .get(30, TimeUnit.SECONDS);
        } finally {
            own.disconnect();
        }
    }
}
