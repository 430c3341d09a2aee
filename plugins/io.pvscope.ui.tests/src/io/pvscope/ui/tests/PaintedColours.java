package io.pvscope.ui.tests;

import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.TreeItem;

/** What the screen shows, read back from its pixels: the proof a colour was really painted. */
final class PaintedColours {

    private PaintedColours() {
    }

    /** The colour painted near the visible right end of a cell, where a short value leaves only background. */
    static RGB cellBackground(TreeItem item, int column) {
        Rectangle cell = visible(item, column);
        return pixels(item, new Rectangle(cell.x + cell.width - 6, cell.y + cell.height / 2, 1, 1))[0];
    }

    /**
     * How close the pixel nearest to {@code colour} in a cell comes to it (distance in RGB space): text of
     * that colour gives glyph pixels at or next to it, where anti-aliasing blends only the glyph's edges.
     */
    static double nearest(TreeItem item, int column, RGB colour) {
        double nearest = Double.MAX_VALUE;
        for (RGB pixel : pixels(item, visible(item, column))) {
            double red = pixel.red - colour.red;
            double green = pixel.green - colour.green;
            double blue = pixel.blue - colour.blue;
            nearest = Math.min(nearest, Math.sqrt(red * red + green * green + blue * blue));
        }
        return nearest;
    }

    private static Rectangle visible(TreeItem item, int column) {
        return item.getBounds(column).intersection(item.getParent().getClientArea());
    }

    private static RGB[] pixels(TreeItem item, Rectangle area) {
        Point onScreen = item.getParent().toDisplay(area.x, area.y);
        Display display = item.getDisplay();
        Image image = new Image(display, area.width, area.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, onScreen.x, onScreen.y);
            ImageData data = image.getImageData();
            RGB[] result = new RGB[area.width * area.height];
            for (int y = 0; y < area.height; y++) {
                for (int x = 0; x < area.width; x++) {
                    result[y * area.width + x] = data.palette.getRGB(data.getPixel(x, y));
                }
            }
            return result;
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
