package io.pvscope.ui.internal;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.ImageRegistry;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.ResourceLocator;
import org.eclipse.swt.graphics.Image;

import io.pvscope.ui.PvScopeUi;

/** The plug-in's own 16 px icons (icons/NAME.png, with NAME@2x.png for high-DPI screens). */
public final class PvScopeImages {

    public static final String BUS = "bus";
    public static final String UNIT = "unit";
    public static final String DEVICE = "device";
    public static final String KEY = "key";
    public static final String FOLDER = "folder";
    public static final String TARGET = "target";

    private PvScopeImages() {
    }

    /** The image, shared: callers must not dispose it. UI thread only. */
    public static Image get(String name) {
        ImageRegistry registry = JFaceResources.getImageRegistry();
        String id = PvScopeUi.BUNDLE_ID + "/" + name;
        Image image = registry.get(id);
        if (image == null) {
            registry.put(id, descriptor(name));
            image = registry.get(id);
        }
        return image;
    }

    public static ImageDescriptor descriptor(String name) {
        return ResourceLocator.imageDescriptorFromBundle(PvScopeUi.BUNDLE_ID, "icons/" + name + ".png")
                .orElse(ImageDescriptor.getMissingImageDescriptor());
    }
}
