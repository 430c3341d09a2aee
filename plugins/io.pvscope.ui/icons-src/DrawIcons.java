import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Map;
import java.util.function.Consumer;

import javax.imageio.ImageIO;

/**
 * Draws the plug-in's 16 px icons and their @2x variants on a 16-unit canvas. Run from this folder with
 * {@code java DrawIcons.java ../icons ../../io.pvscope.debug.ui/icons}: the second folder takes the icons of
 * the commands io.pvscope.debug.ui contributes. The PNGs are committed, this is how to redo them.
 */
public class DrawIcons {

    static final Color BLUE = new Color(0x2f6db5);
    static final Color GREEN = new Color(0x2e9e44);
    static final Color RED = new Color(0xc8372d);
    static final Color GREY = new Color(0x5b6470);
    static final Color AMBER = new Color(0xd89a1c);
    static final Color ICE = new Color(0x3aa0d8);

    public static void main(String[] args) throws Exception {
        File out = new File(args.length > 0 ? args[0] : "../icons");
        File debugOut = new File(args.length > 1 ? args[1] : "../../io.pvscope.debug.ui/icons");
        Map<String, Consumer<Graphics2D>> icons = new java.util.LinkedHashMap<>();
        icons.put("target", DrawIcons::target);
        icons.put("connect", g -> { plug(g, GREEN); });
        icons.put("disconnect", g -> { plug(g, GREY); cross(g, RED, 9, 9, 6); });
        icons.put("refresh", DrawIcons::refresh);
        icons.put("freeze", DrawIcons::freeze);
        icons.put("add-key", g -> { key(g, AMBER); plus(g, GREEN); });
        icons.put("delete-key", g -> { key(g, AMBER); cross(g, RED, 9, 9, 6); });
        icons.put("export", DrawIcons::export);
        icons.put("key", g -> key(g, AMBER));
        icons.put("folder", DrawIcons::folder);
        icons.put("bus", DrawIcons::bus);
        icons.put("unit", DrawIcons::unit);
        icons.put("device", DrawIcons::device);
        icons.put("add-target", g -> { target(g); plus(g, GREEN); });
        icons.put("edit-target", g -> { target(g); pencil(g); });
        icons.put("keyvalue", g -> { folder(g); key(g, AMBER); });
        icons.put("pin", DrawIcons::pin);
        icons.put("copy-command", DrawIcons::prompt);
        icons.put("export-snapshot", DrawIcons::snapshot);
        write(icons, out);
        Map<String, Consumer<Graphics2D>> debugIcons = new java.util.LinkedHashMap<>();
        debugIcons.put("compare-suspends", DrawIcons::compare);
        write(debugIcons, debugOut);
    }

    static void write(Map<String, Consumer<Graphics2D>> icons, File out) throws Exception {
        out.mkdirs();
        for (var icon : icons.entrySet()) {
            for (int scale : new int[] { 1, 2 }) {
                BufferedImage image = new BufferedImage(16 * scale, 16 * scale, BufferedImage.TYPE_INT_ARGB);
                Graphics2D g = image.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
                g.scale(scale, scale);
                icon.getValue().accept(g);
                g.dispose();
                String name = icon.getKey() + (scale == 2 ? "@2x" : "") + ".png";
                ImageIO.write(image, "png", new File(out, name));
            }
        }
    }

    static void target(Graphics2D g) {
        g.setColor(GREY);
        g.fill(new RoundRectangle2D.Double(1.5, 2, 13, 9, 2, 2));
        g.setColor(new Color(0xcfe3f7));
        g.fill(new RoundRectangle2D.Double(3, 3.5, 10, 6, 1, 1));
        g.setColor(GREY);
        g.fill(new java.awt.geom.Rectangle2D.Double(6.5, 11, 3, 2));
        g.fill(new RoundRectangle2D.Double(4, 13, 8, 1.5, 1, 1));
    }

    static void plug(Graphics2D g, Color color) {
        g.setColor(color);
        g.fill(new RoundRectangle2D.Double(3, 5, 8, 7, 3, 3));
        g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(5, 5, 5, 1.5));
        g.draw(new Line2D.Double(9, 5, 9, 1.5));
        g.draw(new Line2D.Double(7, 12, 7, 15));
    }

    static void refresh(Graphics2D g) {
        g.setColor(GREEN);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Arc2D.Double(2.5, 2.5, 11, 11, 100, 250, Arc2D.OPEN));
        Path2D head = new Path2D.Double();
        head.moveTo(8, 0.5);
        head.lineTo(12, 3);
        head.lineTo(8, 5.8);
        head.closePath();
        g.fill(head);
    }

    static void freeze(Graphics2D g) {
        g.setColor(ICE);
        g.setStroke(new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = 0; i < 3; i++) {
            double angle = Math.PI / 3 * i;
            double dx = Math.cos(angle) * 6.5;
            double dy = Math.sin(angle) * 6.5;
            g.draw(new Line2D.Double(8 - dx, 8 - dy, 8 + dx, 8 + dy));
        }
        g.fill(new Ellipse2D.Double(6.3, 6.3, 3.4, 3.4));
    }

    static void key(Graphics2D g, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Ellipse2D.Double(1.5, 4.5, 5, 5));
        g.draw(new Line2D.Double(6.5, 7, 13.5, 7));
        g.draw(new Line2D.Double(11.5, 7, 11.5, 9.5));
        g.draw(new Line2D.Double(13.5, 7, 13.5, 9.5));
    }

    static void folder(Graphics2D g) {
        g.setColor(new Color(0xe8c25a));
        Path2D shape = new Path2D.Double();
        shape.moveTo(1, 3);
        shape.lineTo(6, 3);
        shape.lineTo(7.5, 4.5);
        shape.lineTo(15, 4.5);
        shape.lineTo(15, 13.5);
        shape.lineTo(1, 13.5);
        shape.closePath();
        g.fill(shape);
        g.setColor(new Color(0xb08a2a));
        g.setStroke(new BasicStroke(0.8f));
        g.draw(shape);
    }

    static void bus(Graphics2D g) {
        g.setColor(BLUE);
        g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(2, 4, 14, 4));
        for (int x : new int[] { 4, 8, 12 }) {
            g.draw(new Line2D.Double(x, 4, x, 10));
            g.fill(new RoundRectangle2D.Double(x - 2, 10, 4, 4, 1, 1));
        }
    }

    static void unit(Graphics2D g) {
        g.setColor(BLUE);
        g.fill(new RoundRectangle2D.Double(3.5, 3.5, 9, 9, 2, 2));
        g.setStroke(new BasicStroke(1.1f));
        for (int i = 0; i < 3; i++) {
            double p = 5.5 + i * 2.5;
            g.draw(new Line2D.Double(p, 1, p, 3.5));
            g.draw(new Line2D.Double(p, 12.5, p, 15));
            g.draw(new Line2D.Double(1, p, 3.5, p));
            g.draw(new Line2D.Double(12.5, p, 15, p));
        }
        g.setColor(Color.WHITE);
        g.fill(new Ellipse2D.Double(6.5, 6.5, 3, 3));
    }

    static void device(Graphics2D g) {
        g.setColor(GREY);
        g.fill(new RoundRectangle2D.Double(2, 4, 12, 8, 2, 2));
        g.setColor(GREEN);
        g.fill(new Ellipse2D.Double(10.5, 6.5, 2.5, 2.5));
        g.setColor(Color.WHITE);
        g.fill(new java.awt.geom.Rectangle2D.Double(4, 7, 5, 1.5));
    }

    static void export(Graphics2D g) {
        g.setColor(GREY);
        g.setStroke(new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D box = new Path2D.Double();
        box.moveTo(6, 4);
        box.lineTo(2, 4);
        box.lineTo(2, 14);
        box.lineTo(12, 14);
        box.lineTo(12, 10);
        g.draw(box);
        g.setColor(BLUE);
        g.draw(new Line2D.Double(6, 10, 14, 2));
        g.draw(new Line2D.Double(9, 2, 14, 2));
        g.draw(new Line2D.Double(14, 2, 14, 7));
    }

    static void plus(Graphics2D g, Color color) {
        g.setColor(Color.WHITE);
        g.fill(new Ellipse2D.Double(8, 8, 8, 8));
        g.setColor(color);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        g.draw(new Line2D.Double(12, 9, 12, 15));
        g.draw(new Line2D.Double(9, 12, 15, 12));
    }

    static void cross(Graphics2D g, Color color, double x, double y, double size) {
        g.setColor(Color.WHITE);
        g.fill(new Ellipse2D.Double(x - 1, y - 1, size + 2, size + 2));
        g.setColor(color);
        g.setStroke(new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(x, y, x + size, y + size));
        g.draw(new Line2D.Double(x + size, y, x, y + size));
    }

    static void pencil(Graphics2D g) {
        g.setColor(AMBER);
        g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(9, 15, 15, 9));
    }

    /** A push pin seen from the side, leaning right: round head, collar, needle. */
    static void pin(Graphics2D g) {
        Graphics2D p = (Graphics2D) g.create();
        p.rotate(Math.toRadians(35), 8, 8);
        p.setColor(GREY);
        p.setStroke(new BasicStroke(1.3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        p.draw(new Line2D.Double(8, 10, 8, 15.5));
        p.setColor(RED);
        p.fill(new RoundRectangle2D.Double(5.5, 1, 5, 6.5, 2, 2));
        p.fill(new RoundRectangle2D.Double(3.5, 7.5, 9, 2.5, 1.5, 1.5));
        p.setColor(new Color(255, 255, 255, 150));
        p.fill(new RoundRectangle2D.Double(6.5, 2, 1.3, 4.5, 1, 1));
        p.dispose();
    }

    /** Two sheets side by side with arrows between them: this suspend against the one before. */
    static void compare(Graphics2D g) {
        g.setColor(GREY);
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.WHITE);
        g.fill(new java.awt.geom.Rectangle2D.Double(1, 1.5, 5.5, 13));
        g.fill(new java.awt.geom.Rectangle2D.Double(9.5, 1.5, 5.5, 13));
        g.setColor(GREY);
        g.draw(new java.awt.geom.Rectangle2D.Double(1, 1.5, 5.5, 13));
        g.draw(new java.awt.geom.Rectangle2D.Double(9.5, 1.5, 5.5, 13));
        g.setColor(BLUE);
        g.fill(new java.awt.geom.Rectangle2D.Double(2.5, 4, 3, 1));
        g.fill(new java.awt.geom.Rectangle2D.Double(11, 4, 3, 1));
        g.setColor(RED);
        g.fill(new java.awt.geom.Rectangle2D.Double(2.5, 7, 3, 1));
        g.fill(new java.awt.geom.Rectangle2D.Double(11, 7, 3, 1));
        g.setColor(BLUE);
        g.fill(new java.awt.geom.Rectangle2D.Double(2.5, 11, 3, 1));
        g.fill(new java.awt.geom.Rectangle2D.Double(11, 11, 3, 1));
        g.setColor(GREEN);
        Path2D right = new Path2D.Double();
        right.moveTo(6.5, 4.5);
        right.lineTo(9.5, 6.5);
        right.lineTo(6.5, 8.5);
        right.closePath();
        g.fill(right);
        Path2D left = new Path2D.Double();
        left.moveTo(9.5, 8.5);
        left.lineTo(6.5, 10.5);
        left.lineTo(9.5, 12.5);
        left.closePath();
        g.fill(left);
    }

    /** A terminal window with a prompt: the key's read as a command line. */
    static void prompt(Graphics2D g) {
        g.setColor(new Color(0x2b2f36));
        g.fill(new RoundRectangle2D.Double(1, 2, 14, 12, 2, 2));
        g.setColor(GREY);
        g.fill(new java.awt.geom.Rectangle2D.Double(1.5, 2.5, 13, 2));
        g.setColor(GREEN);
        g.setStroke(new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D chevron = new Path2D.Double();
        chevron.moveTo(3.5, 6.5);
        chevron.lineTo(6, 8.75);
        chevron.lineTo(3.5, 11);
        g.draw(chevron);
        g.setColor(Color.WHITE);
        g.draw(new Line2D.Double(7.5, 11.25, 11.5, 11.25));
    }

    /** Curly braces of a JSON document with the export arrow leaving it. */
    static void snapshot(Graphics2D g) {
        g.setColor(GREY);
        g.setStroke(new BasicStroke(1.3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        Path2D open = new Path2D.Double();
        open.moveTo(5, 4);
        open.curveTo(3, 4, 3.8, 6.5, 3.5, 8);
        open.curveTo(3.3, 9, 2.5, 9.25, 1.5, 9.25);
        open.curveTo(2.5, 9.25, 3.3, 9.5, 3.5, 10.5);
        open.curveTo(3.8, 12, 3, 14.5, 5, 14.5);
        g.draw(open);
        Path2D close = new Path2D.Double();
        close.moveTo(8, 4);
        close.curveTo(10, 4, 9.2, 6.5, 9.5, 8);
        close.curveTo(9.7, 9, 10.5, 9.25, 11.5, 9.25);
        close.curveTo(10.5, 9.25, 9.7, 9.5, 9.5, 10.5);
        close.curveTo(9.2, 12, 10, 14.5, 8, 14.5);
        g.draw(close);
        g.setColor(BLUE);
        g.setStroke(new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(9, 7, 14.5, 1.5));
        g.draw(new Line2D.Double(10.5, 1.5, 14.5, 1.5));
        g.draw(new Line2D.Double(14.5, 1.5, 14.5, 5.5));
    }
}
