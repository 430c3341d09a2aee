package io.pvscope.ui.internal.keyvalue;

import org.eclipse.swt.graphics.RGB;

/**
 * A lasting look for one key, given by code outside the view (keys changed since the last suspend):
 * the value's text colour and the row's background, each null to keep the view's own.
 */
public record Highlight(RGB foreground, RGB background) {
}
