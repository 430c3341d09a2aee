package io.pvscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;
import io.pvscope.core.kv.KeyNode;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.core.tests.agent.XenstoredDaemon;
import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.internal.keyvalue.KeyValueView;

/**
 * The Key/Value view on a real XenStore: the real cxenstored, the real agent serving it with
 * {@code --xenstore}, and Xen's own xenstore-read/-write/-rm as the other side. What the view paints is
 * checked, not only its model.
 */
class XenStoreKeyValueViewTest {

    private static final String DATA = "/local/domain/0/data/";

    private static XenstoredDaemon xenstored;
    private static AgentProcess agent;
    private static Target target;
    private static KeyValueView view;
    private static IWorkbenchPage page;

    @BeforeAll
    static void start() throws Exception {
        xenstored = XenstoredDaemon.start();
        xenstored.write(DATA + "greeting", "hello");
        xenstored.write(DATA + "nested/leaf", "deep");
        xenstored.write(DATA + "editable", "before");
        xenstored.write("/local/domain/0/name", "Domain-0");
        agent = AgentProcess.serve(List.of("--xenstore", xenstored.socket().toString(),
                "--allow-write", "xenstore:" + DATA));
        page = Workbench.openPerspective(Workbench.window());
        target = Workbench.addAndConnect(page, agent.target());
        view = (KeyValueView) page.showView(PvScopeUi.KEY_VALUE_VIEW_ID);
        Ui.waitUntil("the XenStore keys are loaded", Workbench.UI_TIMEOUT,
                () -> view.tree() != null && view.tree().isLive() && view.tree().find(DATA + "greeting") != null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (target != null) {
            PvScopeCore.targets().remove(target);
        }
        if (agent != null) {
            agent.close();
        }
        if (xenstored != null) {
            xenstored.close();
        }
    }

    @Test
    void theDaemonsTreeIsBrowsedWithAccessPerKey() {
        assertTrue(KeyTreeItems.topLevel(view).contains("local"), KeyTreeItems.topLevel(view).toString());
        assertTrue(view.getContentDescription().contains("(xenstore)"), view.getContentDescription());

        TreeItem leaf = shownWith(DATA + "nested/leaf", "deep");

        assertEquals("leaf", leaf.getText(0));
        assertEquals("xenstore", leaf.getText(2));
        assertEquals("read-write", leaf.getText(3));
        assertEquals("read-only", shownWith("/local/domain/0/name", "Domain-0").getText(3));
        assertTrue(view.viewer().getExpandedState(view.tree().find(DATA + "nested/leaf").parent()),
                "browsed down to the leaf");
    }

    @Test
    void aValueEditedInTheViewIsWhatXenstoreReadReturns() throws Exception {
        KeyNode node = view.tree().find(DATA + "editable");
        shownWith(node.key(), "before");

        view.viewer().editElement(node, 1);
        Text editor = (Text) view.viewer().getTree().getDisplay().getFocusControl();
        editor.setText("edited in the IDE");
        editor.notifyListeners(SWT.DefaultSelection, new Event());

        Ui.waitUntil("xenstore-read returns the edited value", Workbench.UI_TIMEOUT,
                () -> "edited in the IDE".equals(xenstoreRead(node.key())));
        refresh();
        shownWith(node.key(), "edited in the IDE");
    }

    @Test
    void aKeyOutsideTheWritePrefixesCannotBeEdited() {
        view.viewer().editElement(view.tree().find("/local/domain/0/name"), 1);

        assertFalse(view.viewer().isCellEditorActive(), "no editor on a read-only key");
    }

    @Test
    void changesMadeWithXenstoreWriteAndRmArePaintedAfterARefresh() throws Exception {
        shownWith(DATA + "greeting", "hello");

        xenstored.write(DATA + "greeting", "changed by xenstore-write");
        xenstored.write(DATA + "born", "a key the IDE never saw");
        refresh();

        shownWith(DATA + "greeting", "changed by xenstore-write");
        assertEquals("born", shownWith(DATA + "born", "a key the IDE never saw").getText(0));

        xenstored.remove(DATA + "born");
        refresh();

        Ui.waitUntil("the removed key leaves the tree", Workbench.UI_TIMEOUT,
                () -> view.tree().find(DATA + "born") == null && KeyTreeItems.item(view, DATA + "born") == null
                        && view.tree().find(DATA + "greeting") != null);
    }

    /** Waits until the row of {@code key} is painted with {@code value} in the Value column. */
    private static TreeItem shownWith(String key, String value) {
        TreeItem[] found = new TreeItem[1];
        Ui.waitUntil(key + " shows \"" + value + "\"", Workbench.UI_TIMEOUT,
                () -> (found[0] = KeyTreeItems.item(view, key)) != null && value.equals(found[0].getText(1)));
        return found[0];
    }

    /** Refresh (F5) in the view, as a user does: a new snapshot of the store. */
    private static void refresh() {
        Workbench.activate(page, view);
        try {
            Workbench.execute(page, "org.eclipse.ui.file.refresh");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String xenstoreRead(String key) {
        try {
            return xenstored.read(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
