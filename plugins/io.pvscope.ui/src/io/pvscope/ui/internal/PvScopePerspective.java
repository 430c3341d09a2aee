package io.pvscope.ui.internal;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

import io.pvscope.ui.PvScopeUi;

/** Targets on the left, the selected target's device tree beside them, properties of a tree node below. */
public final class PvScopePerspective implements IPerspectiveFactory {

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editorArea = layout.getEditorArea();
        layout.setEditorAreaVisible(false);
        IFolderLayout left = layout.createFolder("io.pvscope.ui.left", IPageLayout.LEFT, 0.4f, editorArea);
        left.addView(PvScopeUi.TARGETS_VIEW_ID);
        IFolderLayout right = layout.createFolder("io.pvscope.ui.right", IPageLayout.RIGHT, 0.4f, editorArea);
        right.addView(PvScopeUi.DEVICE_TREE_VIEW_ID);
        IFolderLayout bottom = layout.createFolder("io.pvscope.ui.bottom", IPageLayout.BOTTOM, 0.65f,
                "io.pvscope.ui.right");
        bottom.addView(IPageLayout.ID_PROP_SHEET);
        layout.addShowViewShortcut(PvScopeUi.TARGETS_VIEW_ID);
        layout.addShowViewShortcut(PvScopeUi.DEVICE_TREE_VIEW_ID);
        layout.addShowViewShortcut(IPageLayout.ID_PROP_SHEET);
    }
}
