package io.pvscope.ui.internal.keyvalue;

import java.time.Duration;

import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;

import io.pvscope.core.kv.KeyNode;
import io.pvscope.ui.internal.preferences.UiPreferences;

/**
 * The background of a changed or deleted key: the preference colour at first, blending into the tree's
 * background over the fade time. Colours are plain RGB objects (nothing to dispose).
 */
final class ChangeColours {

    private final RGB background;
    private RGB changed = UiPreferences.changedColor();
    private RGB deleted = UiPreferences.deletedColor();
    private long fadeNanos = UiPreferences.fade().toNanos();

    ChangeColours(RGB background) {
        this.background = background;
    }

    void reload() {
        changed = UiPreferences.changedColor();
        deleted = UiPreferences.deletedColor();
        fadeNanos = UiPreferences.fade().toNanos();
    }

    Duration fade() {
        return Duration.ofNanos(fadeNanos);
    }

    /** The background now, or null for the tree's own. */
    Color background(KeyNode node, long now) {
        if (node.isDeleted()) {
            return new Color(deleted);
        }
        if (node.changedAt() == 0 || fadeNanos == 0) {
            return null;
        }
        double left = 1.0 - (double) (now - node.changedAt()) / fadeNanos;
        if (left <= 0) {
            return null;
        }
        return new Color(blend(changed, background, left));
    }

    /** True while {@code node} still needs repainting as its colour fades. */
    boolean fading(KeyNode node, long now) {
        return node.isDeleted() || node.changedAt() != 0 && now - node.changedAt() < fadeNanos;
    }

    private static RGB blend(RGB top, RGB bottom, double weight) {
        return new RGB(mix(top.red, bottom.red, weight), mix(top.green, bottom.green, weight),
                mix(top.blue, bottom.blue, weight));
    }

    private static int mix(int top, int bottom, double weight) {
        return (int) Math.round(top * weight + bottom * (1 - weight));
    }
}
