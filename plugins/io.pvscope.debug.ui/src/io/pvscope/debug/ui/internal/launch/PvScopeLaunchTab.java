package io.pvscope.debug.ui.internal.launch;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.ResourceLocator;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;
import io.pvscope.debug.ui.PvScopeLaunch;
import io.pvscope.ui.PvScopeUi;

/**
 * The PvScope tab of a launch configuration: which target this launch debugs, so that launching connects
 * to it and the PvScope views follow it, and whether terminating the launch disconnects.
 */
public final class PvScopeLaunchTab extends AbstractLaunchConfigurationTab {

    static final String NONE = "(none)";

    private final List<Target> choices = new ArrayList<>();
    private Combo targetChooser;
    private Button disconnect;
    private Image image;
    /** The address the configuration names but the Targets view no longer has: kept, shown, not lost. */
    private String unknownAddress = "";

    @Override
    public void createControl(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(page);
        Label intro = new Label(page, SWT.WRAP);
        intro.setText("Connect a PvScope target when this configuration is launched. Its Device Tree and "
                + "Key/Value views follow this launch when it is selected in the Debug view, and the store is "
                + "snapshotted at every suspend.");
        GridDataFactory.fillDefaults().span(2, 1).hint(420, SWT.DEFAULT).grab(true, false).applyTo(intro);
        new Label(page, SWT.NONE).setText("&Target:");
        targetChooser = new Combo(page, SWT.READ_ONLY | SWT.DROP_DOWN);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(targetChooser);
        targetChooser.addListener(SWT.Selection, event -> changed());
        disconnect = new Button(page, SWT.CHECK);
        disconnect.setText("&Disconnect from the target when the launch terminates");
        GridDataFactory.fillDefaults().span(2, 1).applyTo(disconnect);
        disconnect.addListener(SWT.Selection, event -> changed());
        Label hint = new Label(page, SWT.WRAP);
        hint.setText("Targets are added in the PvScope Targets view.");
        GridDataFactory.fillDefaults().span(2, 1).applyTo(hint);
        setControl(page);
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy configuration) {
        // No target until the user picks one: launching must not reach out to an agent by surprise.
        configuration.removeAttribute(PvScopeLaunch.ATTR_TARGET);
    }

    @Override
    public void initializeFrom(ILaunchConfiguration configuration) {
        String address = attribute(configuration, PvScopeLaunch.ATTR_TARGET, "");
        choices.clear();
        choices.addAll(PvScopeCore.targets().targets());
        List<String> items = new ArrayList<>();
        items.add(NONE);
        int selected = 0;
        unknownAddress = "";
        for (Target target : choices) {
            items.add(target.name() + " — " + target.address());
            if (!address.isEmpty() && target.address().equals(address)) {
                selected = items.size() - 1;
            }
        }
        if (!address.isEmpty() && selected == 0) {
            unknownAddress = address;
            items.add(address + " (not in the Targets view)");
            selected = items.size() - 1;
        }
        targetChooser.setItems(items.toArray(String[]::new));
        targetChooser.select(selected);
        disconnect.setSelection(Boolean.parseBoolean(
                attribute(configuration, PvScopeLaunch.ATTR_DISCONNECT_ON_TERMINATE, "false")));
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy configuration) {
        String address = selectedAddress();
        if (address.isEmpty()) {
            configuration.removeAttribute(PvScopeLaunch.ATTR_TARGET);
        } else {
            configuration.setAttribute(PvScopeLaunch.ATTR_TARGET, address);
        }
        if (disconnect.getSelection()) {
            configuration.setAttribute(PvScopeLaunch.ATTR_DISCONNECT_ON_TERMINATE, true);
        } else {
            configuration.removeAttribute(PvScopeLaunch.ATTR_DISCONNECT_ON_TERMINATE);
        }
    }

    @Override
    public boolean isValid(ILaunchConfiguration configuration) {
        setErrorMessage(null);
        setMessage(unknownAddress.isEmpty() || !unknownAddress.equals(selectedAddress()) ? null
                : "PvScope: " + unknownAddress + " is not in the Targets view; the launch will not connect it.");
        return true;
    }

    /** Picks the target by its address, as a user would in the list ("" for none). */
    public void select(String address) {
        for (int i = 0; i < choices.size(); i++) {
            if (choices.get(i).address().equals(address)) {
                targetChooser.select(i + 1);
                changed();
                return;
            }
        }
        targetChooser.select(0);
        changed();
    }

    public void setDisconnectOnTerminate(boolean selected) {
        disconnect.setSelection(selected);
        changed();
    }

    public Combo targetChooser() {
        return targetChooser;
    }

    @Override
    public String getName() {
        return "PvScope";
    }

    @Override
    public String getId() {
        return PvScopeLaunch.TAB_ID;
    }

    @Override
    public Image getImage() {
        if (image == null) {
            image = ResourceLocator.imageDescriptorFromBundle(PvScopeUi.BUNDLE_ID, "icons/unit.png")
                    .map(ImageDescriptor::createImage).orElse(null);
        }
        return image;
    }

    @Override
    public void dispose() {
        if (image != null) {
            image.dispose();
            image = null;
        }
        super.dispose();
    }

    private String selectedAddress() {
        int index = targetChooser.getSelectionIndex();
        if (index >= 1 && index <= choices.size()) {
            return choices.get(index - 1).address();
        }
        return index > choices.size() ? unknownAddress : "";
    }

    private void changed() {
        setDirty(true);
        updateLaunchConfigurationDialog();
    }

    private static String attribute(ILaunchConfiguration configuration, String name, String fallback) {
        try {
            if (PvScopeLaunch.ATTR_DISCONNECT_ON_TERMINATE.equals(name)) {
                return String.valueOf(configuration.getAttribute(name, Boolean.parseBoolean(fallback)));
            }
            return configuration.getAttribute(name, fallback);
        } catch (CoreException e) {
            return fallback;
        }
    }
}
