package io.pvscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.Platform;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.internal.core.groups.GroupLaunchConfigurationDelegate;
import org.eclipse.debug.internal.core.groups.GroupLaunchElement;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.IDebugView;
import org.eclipse.jdt.debug.core.IJavaLineBreakpoint;
import org.eclipse.jdt.debug.core.JDIDebugModel;
import org.eclipse.jdt.launching.IJavaLaunchConfigurationConstants;
import org.eclipse.jdt.launching.IRuntimeClasspathEntry;
import org.eclipse.jdt.launching.JavaRuntime;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.action.ToolBarManager;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;

import io.pvscope.core.ConnectionStatus;
import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.UnitStore;
import io.pvscope.core.commands.KeyCommands;
import io.pvscope.core.snapshot.StoreSnapshot;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.core.tests.agent.Agents;
import io.pvscope.debug.ui.PvScopeLaunch;
import io.pvscope.debug.ui.internal.Startup;
import io.pvscope.debug.ui.internal.launch.PvScopeLaunchTab;
import io.pvscope.debug.ui.internal.snapshot.CompareSuspendsHandler;
import io.pvscope.debug.ui.internal.snapshot.SnapshotDiffDialog;
import io.pvscope.debug.ui.internal.snapshot.SuspendSnapshots;
import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.internal.handlers.ExportSnapshotHandler;
import io.pvscope.ui.internal.keyvalue.KeyValueView;
import io.pvscope.ui.internal.preferences.UiPreferences;
import io.pvscope.ui.internal.views.DeviceTreeView;
import io.pvscope.ui.internal.views.FollowedTarget;
import io.pvscope.ui.internal.views.TargetsView;

/**
 * PvScope in a real debug session: a Java program launched in debug mode with the PvScope tab naming an
 * agent, stopped again and again at a breakpoint. The launch connects the agent, the views follow the
 * Debug view unless pinned, a key changed through the agent between two suspends is painted in the debug
 * platform's changed colour and listed by the comparison, and terminating disconnects as the tab asked.
 * The steps build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebugSessionTest {

    /** Shared by the ordered steps: the guest program compiled in one is launched in the next. */
    @TempDir
    static Path dir;

    private static final String PROBE = "data/debug-probe";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);

    private static AgentProcess debugged;
    private static AgentProcess other;
    private static IWorkbenchWindow window;
    private static IWorkbenchPage page;
    private static Target guest;
    private static Target elsewhere;
    private static KeyValueView keys;
    private static DeviceTreeView devices;
    private static ILaunchConfiguration configuration;
    private static ILaunch launch;
    private static IJavaLineBreakpoint breakpoint;
    private static TargetConnection own;
    private static UnitStore store;
    private static int fadeBefore;
    private static final java.util.concurrent.atomic.AtomicInteger BREAKPOINT_HITS = new java.util.concurrent.atomic.AtomicInteger();
    private static final org.eclipse.debug.core.IDebugEventSetListener COUNTER = events -> {
        for (org.eclipse.debug.core.DebugEvent event : events) {
            if (event.getKind() == org.eclipse.debug.core.DebugEvent.SUSPEND
                    && event.getDetail() == org.eclipse.debug.core.DebugEvent.BREAKPOINT) {
                BREAKPOINT_HITS.incrementAndGet();
            }
        }
    };

    @BeforeAll
    static void start() throws Exception {
        Startup.ensureStarted();
        DebugPlugin.getDefault().addDebugEventListener(COUNTER);
        // A dialog asking to switch perspective would wait for a click no one gives.
        ScopedPreferenceStore debugUi = new ScopedPreferenceStore(
                org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE, "org.eclipse.debug.ui");
        debugUi.setValue("org.eclipse.debug.ui.switch_perspective_on_suspend", "never");
        debugUi.setValue("org.eclipse.debug.ui.switch_to_perspective", "never");
        debugUi.setValue(IDebugUIConstants.PREF_ACTIVATE_WORKBENCH, false);
        debugUi.save();
        // Without the live fade, the colour seen is the one of the suspends alone.
        fadeBefore = UiPreferences.store().getInt(UiPreferences.FADE_MS);
        UiPreferences.store().setValue(UiPreferences.FADE_MS, 0);

        debugged = AgentProcess.start();
        other = AgentProcess.start();
        window = Workbench.window();
        page = Workbench.openPerspective(window);
        elsewhere = Workbench.addAndConnect(page, new Target("elsewhere", other.target().host(), other.target().port()));
        guest = PvScopeCore.targets().add(new Target("debugged guest", debugged.target().host(), debugged.target().port()));
        keys = (KeyValueView) page.showView(PvScopeUi.KEY_VALUE_VIEW_ID);
        devices = (DeviceTreeView) page.showView(PvScopeUi.DEVICE_TREE_VIEW_ID);
        own = new TargetConnection(debugged.target(), c -> {
        });
        own.connect().get(30, TimeUnit.SECONDS);
        store = own.store(Agents.simulatedUnit(own));
        store.write(PROBE, ByteString.copyFromUtf8("1")).get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        UiPreferences.store().setValue(UiPreferences.FADE_MS, fadeBefore);
        DebugPlugin.getDefault().removeDebugEventListener(COUNTER);
        if (launch != null && !launch.isTerminated()) {
            launch.terminate();
        }
        if (breakpoint != null) {
            breakpoint.delete();
        }
        if (configuration != null) {
            configuration.delete();
        }
        if (own != null) {
            own.disconnect();
        }
        for (Target target : new Target[] { guest, elsewhere }) {
            if (target != null) {
                PvScopeCore.targets().remove(target);
            }
        }
        Workbench.setPinned(page, false);
        // Later tests take pictures of the perspective: leave no launch, Debug view or status message behind.
        DebugPlugin.getDefault().getLaunchManager()
                .removeLaunches(DebugPlugin.getDefault().getLaunchManager().getLaunches());
        IViewPart debugView = page.findView(IDebugUIConstants.ID_DEBUG_VIEW);
        if (debugView != null) {
            page.hideView(debugView);
        }
        keys.getViewSite().getActionBars().getStatusLineManager().setMessage(null);
        debugged.close();
        other.close();
    }

    @Test
    @Order(0)
    void everyToolbarCommandOfTheViewsShowsAnIcon() {
        // A command with no image shows its name as text in a view toolbar; the platform's views show icons.
        for (IViewPart view : new IViewPart[] { keys, devices }) {
            IToolBarManager manager = view.getViewSite().getActionBars().getToolBarManager();
            manager.update(true);
            List<String> withText = Arrays.stream(((ToolBarManager) manager).getControl().getItems())
                    .filter(item -> (item.getStyle() & (org.eclipse.swt.SWT.PUSH | org.eclipse.swt.SWT.CHECK)) != 0)
                    .filter(item -> item.getImage() == null || !item.getText().isEmpty())
                    .map(ToolItem::getToolTipText).toList();
            assertTrue(withText.isEmpty(), view.getTitle() + " toolbar items without an icon: " + withText);
        }
        List<String> tips = Arrays.stream(((ToolBarManager) keys.getViewSite().getActionBars().getToolBarManager())
                .getControl().getItems()).map(ToolItem::getToolTipText).toList();
        assertTrue(tips.contains("Pin to Target") && tips.contains("Compare with Previous Suspend"), tips.toString());
    }

    @Test
    @Order(1)
    void tabIsContributedToTheJavaApplicationAndCdtGdbLaunches() {
        List<String> groups = Arrays.stream(Platform.getExtensionRegistry()
                .getConfigurationElementsFor("org.eclipse.debug.ui.launchConfigurationTabs"))
                .filter(tab -> PvScopeLaunchTab.class.getName().equals(tab.getAttribute("class")))
                .map(tab -> tab.getAttribute("group")).toList();
        assertTrue(groups.contains("org.eclipse.jdt.debug.ui.launchConfigurationTabGroup.localJavaApplication"), groups.toString());
        assertTrue(groups.contains("org.eclipse.cdt.launch.applicationLaunchTabGroup"), groups.toString());
        assertTrue(groups.contains("org.eclipse.cdt.launch.attachLaunchTabGroup"), groups.toString());
    }

    @Test
    @Order(2)
    void tabWritesTheChosenTargetIntoTheConfiguration() throws Exception {
        Path classes = GuestProgram.compile(dir);
        assertNotNull(JavaRuntime.getDefaultVMInstall(), "JDT found the running JDK");
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = manager.getLaunchConfigurationType(IJavaLaunchConfigurationConstants.ID_JAVA_APPLICATION);
        ILaunchConfigurationWorkingCopy copy = type.newInstance(null, "PvScope guest");
        copy.setAttribute(IJavaLaunchConfigurationConstants.ATTR_MAIN_TYPE_NAME, GuestProgram.MAIN_TYPE);
        copy.setAttribute(IJavaLaunchConfigurationConstants.ATTR_DEFAULT_CLASSPATH, false);
        copy.setAttribute(IJavaLaunchConfigurationConstants.ATTR_CLASSPATH, List.of(
                JavaRuntime.newRuntimeContainerClasspathEntry(JavaRuntime.newDefaultJREContainerPath(),
                        IRuntimeClasspathEntry.STANDARD_CLASSES).getMemento(),
                JavaRuntime.newArchiveRuntimeClasspathEntry(
                        org.eclipse.core.runtime.Path.fromOSString(classes.toString())).getMemento()));

        // The user's part: the PvScope tab, its target picked and "disconnect on termination" ticked.
        Shell shell = new Shell(window.getShell());
        try {
            PvScopeLaunchTab tab = new PvScopeLaunchTab();
            tab.createControl(shell);
            tab.setDefaults(copy);
            tab.initializeFrom(copy);
            assertEquals("(none)", tab.targetChooser().getText(), "no target until one is picked");
            assertTrue(Arrays.asList(tab.targetChooser().getItems()).contains("debugged guest — " + guest.address()));
            tab.select(guest.address());
            tab.setDisconnectOnTerminate(true);
            tab.performApply(copy);
            tab.dispose();
        } finally {
            shell.dispose();
        }
        configuration = copy.doSave();

        assertEquals(guest.address(), configuration.getAttribute(PvScopeLaunch.ATTR_TARGET, ""));
        assertTrue(configuration.getAttribute(PvScopeLaunch.ATTR_DISCONNECT_ON_TERMINATE, false));
        assertEquals(guest, PvScopeLaunch.target(configuration).orElseThrow());
    }

    @Test
    @Order(3)
    void launchDialogShowsThePvScopeTab() throws Exception {
        // This runtime has the debug platform's own Launch Group type with its tabs, not JDT's debug UI: the
        // dialog is shown for a launch group, one of the groups the tab is contributed to.
        ILaunchConfigurationType groups = DebugPlugin.getDefault().getLaunchManager()
                .getLaunchConfigurationType("org.eclipse.debug.core.groups.GroupLaunchConfigurationType");
        ILaunchConfigurationWorkingCopy group = groups.newInstance(null, "Guest and tools");
        group.setAttribute(PvScopeLaunch.ATTR_TARGET, guest.address());
        // With the Java application of the previous step as its member the group is valid: the dialog shows
        // the tab, not an error about the group having no launch.
        GroupLaunchElement member = new GroupLaunchElement();
        member.index = 0;
        member.name = configuration.getName();
        member.data = configuration;
        member.enabled = true;
        member.mode = GroupLaunchElement.MODE_INHERIT;
        member.action = GroupLaunchElement.GroupElementPostLaunchAction.NONE;
        GroupLaunchConfigurationDelegate.storeLaunchElements(group, List.of(member));
        ILaunchConfiguration saved = group.doSave();
        try {
            Display display = window.getShell().getDisplay();
            String[] shown = new String[2];
            display.timerExec(500, () -> inLaunchDialog(display, shown, 40));
            // Should the dialog never be recognised, it still closes and the assertion below reports it.
            display.timerExec(60_000, () -> {
                if (shown[0] == null) {
                    closeStrayShells(display, 1);
                }
            });
            DebugUITools.openLaunchConfigurationDialog(window.getShell(), saved, IDebugUIConstants.ID_DEBUG_LAUNCH_GROUP,
                    null);
            assertEquals("PvScope", shown[0], "the launch dialog has the PvScope tab");
            assertNull(shown[1], "the launch dialog reports no error for the group and its tab");
        } finally {
            saved.delete();
        }
    }

    @Test
    @Order(4)
    void launchConnectsItsTargetAndTheViewsFollowTheDebugContext() throws Exception {
        assertSame(elsewhere, keys.connection().target(), "before the launch the views show the selected target");
        assertNotEquals(ConnectionStatus.CONNECTED, PvScopeCore.targets().connection(guest).state().status());
        breakpoint = JDIDebugModel.createLineBreakpoint(ResourcesPlugin.getWorkspace().getRoot(), GuestProgram.MAIN_TYPE,
                GuestProgram.BREAKPOINT_LINE, -1, -1, 0, true, null);
        IDebugView debugView = (IDebugView) page.showView(IDebugUIConstants.ID_DEBUG_VIEW);

        // Launched off the UI thread, as the Debug button does: the debug UI reacts on the UI thread meanwhile.
        java.util.concurrent.CompletableFuture<ILaunch> launching = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return configuration.launch(ILaunchManager.DEBUG_MODE, null);
            } catch (org.eclipse.core.runtime.CoreException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        Ui.waitUntil("the program is launched", STOP_TIMEOUT, launching::isDone);
        launch = launching.get();

        Ui.waitUntil("the launch connected its target", Workbench.UI_TIMEOUT,
                () -> PvScopeCore.targets().connection(guest).state().status() == ConnectionStatus.CONNECTED);
        waitForSuspend();
        debugView.getViewer().setSelection(new StructuredSelection(launch), true);
        Ui.waitUntil("the views follow the launch selected in the Debug view", Workbench.UI_TIMEOUT,
                () -> keys.connection() != null && guest.equals(keys.connection().target())
                        && devices.followed() != null && guest.equals(devices.followed().target()));
        ISelection context = DebugUITools.getDebugContextManager().getContextService(window).getActiveContext();
        assertTrue(context instanceof IStructuredSelection selection && selection.getFirstElement() == launch,
                "the debug context is the launch: " + context);
        waitForStore();
    }

    @Test
    @Order(5)
    void pinnedViewsStayOnTheirTargetUntilUnpinned() throws Exception {
        // Pinned first: showing the Targets view posts its selection, which the views would follow.
        Workbench.setPinned(page, true);
        assertTrue(Workbench.toggleState(page, FollowedTarget.PIN_COMMAND_ID));
        TargetsView targets = (TargetsView) page.showView(PvScopeUi.TARGETS_VIEW_ID);
        targets.viewer().setSelection(new StructuredSelection(elsewhere), true);
        Ui.settle(Duration.ofSeconds(1));
        assertEquals(guest, keys.connection().target(), "pinned: selecting another target changes nothing");
        assertEquals(guest, devices.followed().target());

        Workbench.setPinned(page, false);
        targets.viewer().setSelection(StructuredSelection.EMPTY);
        targets.viewer().setSelection(new StructuredSelection(elsewhere), true);
        Ui.waitUntil("unpinned, the views follow a selection again", Workbench.UI_TIMEOUT,
                () -> elsewhere.equals(keys.connection().target()));

        // At the next stop the Debug view selects the stopped frame: the context is the launch's again.
        page.showView(IDebugUIConstants.ID_DEBUG_VIEW);
        resumeAndWaitForSuspend();
        Ui.waitUntil("the stack frame selected at the stop brings the views back", Workbench.UI_TIMEOUT,
                () -> guest.equals(keys.connection().target()));
        // The Debug view selects the suspended thread, then, once it has expanded it, its top frame; on a busy
        // machine the first is still the context for a while.
        Ui.waitUntil("the debug context is a stack frame", Workbench.UI_TIMEOUT,
                () -> debugContext() instanceof IStructuredSelection selection
                        && selection.getFirstElement() instanceof org.eclipse.debug.core.model.IStackFrame,
                () -> "context " + debugContext());
        assertEquals(guest, keys.connection().target(), "the frame's launch is the guest's");
        waitForStore();
    }

    @Test
    @Order(6)
    void keyChangedBetweenTwoSuspendsIsPaintedInTheDebugChangedColourAndCompared() throws Exception {
        // The last stop may still wait for the store the view came back to: its snapshot must come first.
        waitForStore();
        Ui.waitUntil("no snapshot waits for a store to load", Workbench.UI_TIMEOUT,
                () -> !SuspendSnapshots.instance().snapshotWaiting());
        StoreSnapshot earlier = SuspendSnapshots.instance().history(keys).current();
        resumeAndWaitForSuspend();
        Ui.waitUntil("a snapshot at this suspend", Workbench.UI_TIMEOUT,
                () -> SuspendSnapshots.instance().history(keys).current() != null
                        && SuspendSnapshots.instance().history(keys).current() != earlier,
                () -> SuspendSnapshots.instance().lastOutcome());
        StoreSnapshot first = SuspendSnapshots.instance().history(keys).current();
        assertEquals("1", first.text(PROBE));

        // Between two suspends, another client changes the key.
        store.write(PROBE, ByteString.copyFromUtf8("2")).get(30, TimeUnit.SECONDS);
        Ui.waitUntil("the view shows the new value", Workbench.UI_TIMEOUT,
                () -> keys.tree() != null && keys.tree().find(PROBE) != null
                        && "2".equals(keys.tree().find(PROBE).valueText()));
        resumeAndWaitForSuspend();
        Ui.waitUntil("a second snapshot", Workbench.UI_TIMEOUT,
                () -> SuspendSnapshots.instance().history(keys).previous() == first);

        assertEquals(java.util.Set.of(PROBE), SuspendSnapshots.instance().history(keys).changedKeys());
        page.closeAllEditors(false);
        page.showView(PvScopeUi.KEY_VALUE_VIEW_ID);
        keys.viewer().setSelection(StructuredSelection.EMPTY);
        TreeItem changed = waitForItem(PROBE);
        TreeItem same = waitForItem("device/vif/0/mac");
        keys.viewer().getTree().showItem(changed);
        window.getShell().forceActive();
        Ui.settle(Duration.ofMillis(500));
        Path shot = Ui.screenshot("debug-session.png");
        if (shot != null) {
            Ui.saveScreenshot(window.getShell(), shot);
        }
        RGB background = SuspendSnapshots.changedBackground();
        org.eclipse.jface.viewers.ColumnLabelProvider valueLabel =
                (org.eclipse.jface.viewers.ColumnLabelProvider) keys.viewer().getLabelProvider(1);
        org.eclipse.swt.graphics.Color labelled = valueLabel.getBackground(keys.tree().find(PROBE));
        assertEquals(background, labelled == null ? null : labelled.getRGB(),
                "the Value column's colour for the key; " + SuspendSnapshots.instance().lastOutcome());
        assertEquals(background, PaintedColours.cellBackground(changed, 1), "changed since the previous suspend");
        assertNotEquals(background, PaintedColours.cellBackground(same, 1), "unchanged key");
        // The key's name in the debug platform's changed text colour, read back from the screen.
        RGB text = SuspendSnapshots.changedColour();
        assertTrue(PaintedColours.nearest(changed, 0, text) < 60,
                "the changed key's name painted in " + text + ": nearest " + PaintedColours.nearest(changed, 0, text));
        TreeItem parent = waitForItem("data");
        assertTrue(PaintedColours.nearest(parent, 0, text) > 120,
                "an unchanged key's name in the tree's own colour: nearest " + PaintedColours.nearest(parent, 0, text));

        Workbench.activate(page, keys);
        Workbench.execute(page, "io.pvscope.debug.ui.commands.compareSuspends");
        Shell dialogShell = Ui.findShell(CompareSuspendsHandler.TITLE);
        try {
            SnapshotDiffDialog dialog = (SnapshotDiffDialog) dialogShell.getData();
            TableItem[] rows = dialog.table().getTable().getItems();
            assertEquals(1, rows.length, "only the probe key changed");
            assertEquals(List.of("changed", PROBE, "1", "2"),
                    List.of(rows[0].getText(0), rows[0].getText(1), rows[0].getText(2), rows[0].getText(3)));
            Path compare = Ui.screenshot("compare-suspends.png");
            if (compare != null) {
                Ui.saveScreenshot(dialogShell, compare);
            }
        } finally {
            // Closed already when something in the dialog failed; the failure is what must be reported.
            if (!dialogShell.isDisposed()) {
                dialogShell.close();
            }
        }
    }

    @Test
    @Order(7)
    void aSuspendWhileTheStoreIsStillLoadingIsSnapshottedOnceItIsLoaded() throws Exception {
        // The view on another target's store, then back on the guest's: that store is not loaded yet, as when
        // a launch has just connected its target and the first breakpoint comes quickly.
        TargetsView targets = (TargetsView) page.showView(PvScopeUi.TARGETS_VIEW_ID);
        Workbench.activate(page, targets);
        targets.viewer().setSelection(new StructuredSelection(elsewhere), true);
        Ui.waitUntil("the view shows the other target's store", Workbench.UI_TIMEOUT,
                () -> keys.connection() != null && elsewhere.equals(keys.connection().target())
                        && keys.tree() != null && keys.tree().isLive());
        StoreSnapshot before = SuspendSnapshots.instance().history(keys).current();

        targets.viewer().setSelection(new StructuredSelection(guest), true);
        assertEquals(guest, keys.connection().target(), "the view follows the selection at once");
        assertTrue(keys.tree() == null || !keys.tree().isLive(), "and its store is still loading");
        SuspendSnapshots.instance().snapshotWhenLoaded(keys, launch, guest,
                System.nanoTime() + Workbench.UI_TIMEOUT.toNanos());

        Ui.waitUntil("the suspend's snapshot is taken once the store is loaded", Workbench.UI_TIMEOUT,
                () -> SuspendSnapshots.instance().history(keys).current() != before,
                () -> SuspendSnapshots.instance().lastOutcome());
        StoreSnapshot taken = SuspendSnapshots.instance().history(keys).current();
        assertEquals(guest, taken.target());
        assertEquals("2", taken.text(PROBE), "the guest's store, complete");
        waitForStore();
    }

    @Test
    @Order(8)
    void aSuspendWhileTheGuestDoesNotAnswerIsTakenFromTheLastKnownKeysAndSaysSo() throws Exception {
        waitForStore();
        StoreSnapshot answered = SuspendSnapshots.instance().history(keys).current();
        assertFalse(answered.isLastKnown(), "taken while the agent answered");
        // As when the breakpoint is in the guest's kernel: the agent stops with it.
        debugged.stop();
        try {
            Ui.waitUntil("the view shows the last-known keys", Workbench.UI_TIMEOUT, keys::showsLastKnown);
            resumeAndWaitForSuspend();
            Ui.waitUntil("a snapshot at this suspend", Workbench.UI_TIMEOUT,
                    () -> SuspendSnapshots.instance().history(keys).current() != answered,
                    () -> SuspendSnapshots.instance().lastOutcome());
            StoreSnapshot silent = SuspendSnapshots.instance().history(keys).current();
            assertTrue(silent.isLastKnown(), "the snapshot says its keys are the last known");
            assertEquals("2", silent.text(PROBE), "the last-known keys");

            Workbench.activate(page, keys);
            Workbench.execute(page, "io.pvscope.debug.ui.commands.compareSuspends");
            Shell dialogShell = Ui.findShell(CompareSuspendsHandler.TITLE);
            try {
                SnapshotDiffDialog dialog = (SnapshotDiffDialog) dialogShell.getData();
                assertTrue(dialog.summary().contains("At this suspend the target had not answered since "),
                        dialog.summary());
                assertEquals(List.of("At the previous suspend", "At this suspend (last known)"),
                        List.of(dialog.table().getTable().getColumn(2).getText(),
                                dialog.table().getTable().getColumn(3).getText()));
            } finally {
                if (!dialogShell.isDisposed()) {
                    dialogShell.close();
                }
            }
        } finally {
            debugged.resume();
        }
        Ui.waitUntil("the view is current again", Workbench.UI_TIMEOUT, () -> !keys.showsLastKnown());
    }

    @Test
    @Order(9)
    void selectedKeyIsCopiedAsCommandsAndTheStoreExportedAsJson() throws Exception {
        page.showView(PvScopeUi.KEY_VALUE_VIEW_ID);
        Workbench.activate(page, keys);
        keys.viewer().setSelection(new StructuredSelection(keys.tree().find(PROBE)), true);
        Ui.settle(Duration.ofMillis(200));

        Workbench.execute(page, "io.pvscope.ui.commands.copyHostctl");
        assertEquals(KeyCommands.hostctl(guest, keys.unit(), PROBE, false), clipboard());
        Workbench.execute(page, "io.pvscope.ui.commands.copyGrpcurl");
        assertEquals(KeyCommands.grpcurl(guest, keys.unit(), PROBE, false), clipboard());
        assertTrue(clipboard().startsWith("grpcurl -plaintext -d "), clipboard());

        Path file = dir.resolve("snapshot.json");
        ExportSnapshotHandler.save(keys.snapshot(), file);
        JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertEquals(guest.address(), json.getAsJsonObject("target").get("address").getAsString());
        assertFalse(json.getAsJsonObject("agent").get("version").getAsString().isEmpty());
        assertEquals(keys.unit(), json.getAsJsonObject("unit").get("number").getAsInt());
        assertTrue(json.getAsJsonArray("keys").toString().contains("\"key\":\"" + PROBE + "\",\"value\":\"2\""),
                "the exported keys hold the probe's value");
    }

    @Test
    @Order(10)
    void terminatingTheLaunchDisconnectsAsTheTabAsked() throws Exception {
        launch.terminate();
        Ui.waitUntil("the launch terminated", STOP_TIMEOUT, launch::isTerminated);
        Ui.waitUntil("the target is disconnected", Workbench.UI_TIMEOUT,
                () -> PvScopeCore.targets().connection(guest).state().status() == ConnectionStatus.DISCONNECTED);
        assertEquals(ConnectionStatus.CONNECTED, PvScopeCore.targets().connection(elsewhere).state().status(),
                "other targets stay connected");
    }

    // ---- helpers

    private static void waitForSuspend() {
        Ui.waitUntil("the program stops at the breakpoint", STOP_TIMEOUT, () -> suspendedThread() != null);
    }

    /** Resumes and waits for the next stop; counted by events, as the program may stop again at once. */
    private static void resumeAndWaitForSuspend() throws Exception {
        IThread thread = suspendedThread();
        assertNotNull(thread, "the program is stopped");
        int before = BREAKPOINT_HITS.get();
        thread.resume();
        Ui.waitUntil("the program stops at the breakpoint again", STOP_TIMEOUT, () -> BREAKPOINT_HITS.get() > before);
        waitForSuspend();
    }

    private static IThread suspendedThread() {
        try {
            if (launch.getDebugTarget() == null) {
                return null;
            }
            for (IThread thread : launch.getDebugTarget().getThreads()) {
                if (thread.isSuspended() && thread.getBreakpoints().length > 0) {
                    return thread;
                }
            }
            return null;
        } catch (org.eclipse.debug.core.DebugException e) {
            return null;
        }
    }

    private static void waitForStore() {
        Ui.waitUntil("the guest's store is shown", Workbench.UI_TIMEOUT,
                () -> keys.tree() != null && keys.tree().isLive() && keys.tree().find(PROBE) != null
                        && keys.connection() != null && guest.equals(keys.connection().target()));
    }

    private static ISelection debugContext() {
        return DebugUITools.getDebugContextManager().getContextService(window).getActiveContext();
    }

    private static TreeItem waitForItem(String key) {
        TreeItem[] found = new TreeItem[1];
        Ui.waitUntil(key + " is shown", Workbench.UI_TIMEOUT, () -> (found[0] = KeyTreeItems.item(keys, key)) != null);
        return found[0];
    }

    private static String clipboard() {
        Clipboard clipboard = new Clipboard(Display.getCurrent());
        try {
            return (String) clipboard.getContents(TextTransfer.getInstance());
        } finally {
            clipboard.dispose();
        }
    }

    /** Runs inside the modal launch dialog: shows the PvScope tab, saves a picture, closes the dialog. */
    private static void inLaunchDialog(Display display, String[] shown, int triesLeft) {
        Shell dialog = Arrays.stream(display.getShells())
                .filter(shell -> shell != window.getShell() && shell.isVisible()).findFirst().orElse(null);
        if (dialog == null && triesLeft > 0) {
            display.timerExec(500, () -> inLaunchDialog(display, shown, triesLeft - 1));
            return;
        }
        if (dialog == null) {
            shown[0] = "no dialog";
            return;
        }
        try {
            Ui.settle(Duration.ofSeconds(1));
            CTabFolder folder = find(dialog, CTabFolder.class);
            if (folder != null) {
                for (CTabItem item : folder.getItems()) {
                    if (item.getText().equals("PvScope")) {
                        folder.setSelection(item);
                        shown[0] = item.getText();
                    }
                }
            }
            Ui.settle(Duration.ofMillis(500));
            if (dialog.getData() instanceof TitleAreaDialog titled) {
                shown[1] = titled.getErrorMessage();
            } else {
                shown[1] = "not a dialog with a message area: " + dialog.getData();
            }
            Path shot = Ui.screenshot("launch-tab.png");
            if (shot != null && shown[0] != null) {
                Ui.saveScreenshot(dialog, shot);
            }
        } catch (Exception e) {
            shown[0] = "failed: " + e;
        } finally {
            dialog.close();
            closeStrayShells(display, 10);
        }
    }

    /**
     * Closes any modal window a closing launch dialog may still raise (a question to save), so nothing waits.
     * It stops at the first round with nothing to close, and leaves modeless windows alone: a later step's
     * dialog (the comparison) is not a stray one.
     */
    private static void closeStrayShells(Display display, int rounds) {
        if (rounds == 0) {
            return;
        }
        display.timerExec(500, () -> {
            boolean closed = false;
            for (Shell shell : display.getShells()) {
                boolean modal = (shell.getStyle()
                        & (SWT.APPLICATION_MODAL | SWT.PRIMARY_MODAL | SWT.SYSTEM_MODAL)) != 0;
                if (shell != window.getShell() && !shell.isDisposed() && shell.isVisible() && modal) {
                    shell.close();
                    closed = true;
                }
            }
            if (closed) {
                closeStrayShells(display, rounds - 1);
            }
        });
    }

    private static <T extends Control> T find(Control control, Class<T> type) {
        if (type.isInstance(control)) {
            return type.cast(control);
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                T found = find(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
