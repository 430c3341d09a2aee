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
import io.pvscope.core.tests.agent.RealXenstored;
import io.pvscope.testsupport.xenstore.Xenstored;
import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.internal.keyvalue.KeyValueView;

/**
 * The Key/Value view on a real XenStore: the real cxenstored, the real agent serving it with
 * {@code --xenstore}, and Xen's own xenstore-read/-write/-rm as the other side. What the view paints is
 * checked, not only its model.
 */
class XenStoreKeyValueViewTest {

    private static final String DATA = "/local/domain/0/data/";

    private static Xenstored xenstored;
    private static AgentProcess agent;
    private static Target target;
    private static KeyValueView view;

    @BeforeAll
    static void start() throws Exception {
        xenstored = RealXenstored.start();
        xenstored.write(DATA + "greeting", "hello");
        xenstored.write(DATA + "nested/leaf", "deep");
        xenstored.write(DATA + "editable", "before");
        xenstored.write("/local/domain/0/name", "Domain-0");
        agent = AgentProcess.serve(List.of("--xenstore", xenstored.socket().toString(),
                "--allow-write", "xenstore:" + DATA));
        IWorkbenchPage page = Workbench.openPerspective(Workbench.window());
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
        shownWith(node.key(), "edited in the IDE");
    }

    @Test
    void aKeyOutsideTheWritePrefixesCannotBeEdited() {
        view.viewer().editElement(view.tree().find("/local/domain/0/name"), 1);

        assertFalse(view.viewer().isCellEditorActive(), "no editor on a read-only key");
    }

    @Test
    void changesMadeWithXenstoreWriteAndRmArriveInThePaintedRows() throws Exception {
        shownWith(DATA + "greeting", "hello");

        xenstored.write(DATA + "greeting", "changed by xenstore-write");
        xenstored.write(DATA + "born", "a key the IDE never saw");

        shownWith(DATA + "greeting", "changed by xenstore-write");
        assertTrue(view.tree().find(DATA + "greeting").changedAt() != 0, "marked as a live change to highlight");
        assertEquals("born", shownWith(DATA + "born", "a key the IDE never saw").getText(0));

        xenstored.remove(DATA + "born");

        Ui.waitUntil("the removed key is marked or gone", Workbench.UI_TIMEOUT,
                () -> view.tree().find(DATA + "born") == null || view.tree().find(DATA + "born").isDeleted());
        Ui.waitUntil("the removed key leaves the painted tree", Workbench.UI_TIMEOUT,
                () -> view.tree().find(DATA + "born") == null && KeyTreeItems.item(view, DATA + "born") == null);
    }

    /**
     * Waits until the view's key holds {@code value}, then until its row is painted with it. Looking at rows
     * expands and repaints the tree, which would keep the event loop from running the view's timer, so the
     * rows are only looked at once the value is there.
     */
    private static TreeItem shownWith(String key, String value) {
        Ui.waitUntil(key + " holds \"" + value + "\"", Workbench.UI_TIMEOUT, () -> {
            KeyNode node = view.tree().find(key);
            return node != null && value.equals(node.valueText());
        });
        TreeItem[] found = new TreeItem[1];
        Ui.waitUntil(key + " is painted as \"" + value + "\"", Workbench.UI_TIMEOUT,
                () -> (found[0] = KeyTreeItems.item(view, key)) != null && value.equals(found[0].getText(1)));
        return found[0];
    }

    private static String xenstoreRead(String key) {
        try {
            return xenstored.read(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
