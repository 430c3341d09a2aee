package io.pvscope.ui;

/** Identifiers other plug-ins (and the product) may refer to. */
public final class PvScopeUi {

    public static final String BUNDLE_ID = "io.pvscope.ui";
    public static final String PERSPECTIVE_ID = "io.pvscope.ui.perspective";
    public static final String TARGETS_VIEW_ID = "io.pvscope.ui.views.targets";
    public static final String DEVICE_TREE_VIEW_ID = "io.pvscope.ui.views.deviceTree";
    public static final String KEY_VALUE_VIEW_ID = "io.pvscope.ui.views.keyValue";
    public static final String CONNECT_COMMAND_ID = "io.pvscope.ui.commands.connect";
    public static final String DISCONNECT_COMMAND_ID = "io.pvscope.ui.commands.disconnect";
    /** System property naming a target ({@code host:port}) to add and connect at startup. */
    public static final String TARGET_PROPERTY = "pvscope.target";

    private PvScopeUi() {
    }
}
