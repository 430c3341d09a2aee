package io.pvscope.ui.internal;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

import io.pvscope.ui.PvScopeUi;

/**
 * Targets on the left with the device tree below them; the selected target's keys on the right, the
 * Properties view under them.
 */
public final class PvScopePerspective implements IPerspectiveFactory {

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editorArea = layout.getEditorArea();
        layout.setEditorAreaVisible(false);
        IFolderLayout left = layout.createFolder("io.pvscope.ui.left", IPageLayout.LEFT, 0.38f, editorArea);
        left.addView(PvScopeUi.TARGETS_VIEW_ID);
        IFolderLayout leftBottom = layout.createFolder("io.pvscope.ui.leftBottom", IPageLayout.BOTTOM, 0.35f,
                "io.pvscope.ui.left");
        leftBottom.addView(PvScopeUi.DEVICE_TREE_VIEW_ID);
        IFolderLayout right = layout.createFolder("io.pvscope.ui.right", IPageLayout.RIGHT, 0.38f, editorArea);
        right.addView(PvScopeUi.KEY_VALUE_VIEW_ID);
        IFolderLayout bottom = layout.createFolder("io.pvscope.ui.bottom", IPageLayout.BOTTOM, 0.7f,
                "io.pvscope.ui.right");
        bottom.addView(IPageLayout.ID_PROP_SHEET);
        layout.addShowViewShortcut(PvScopeUi.TARGETS_VIEW_ID);
        layout.addShowViewShortcut(PvScopeUi.DEVICE_TREE_VIEW_ID);
        layout.addShowViewShortcut(PvScopeUi.KEY_VALUE_VIEW_ID);
        layout.addShowViewShortcut(IPageLayout.ID_PROP_SHEET);
    }
}
