package io.pvscope.bench.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import java.text.DecimalFormat;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Four small charts in one PNG: latency and RSS against the number of keys, and against watchers. */
public final class GrowthPlot {

    private static final int CELL_W = 560;
    private static final int CELL_H = 360;

    private GrowthPlot() {
    }

    public static void write(Growth growth, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        JFreeChart[] charts = {
            chart("KvRead p50 and full KvList vs keys", "keys", "milliseconds",
                    keySeries(growth, "KvRead p50 (1 caller)", p -> p.readP50Micros() / 1000),
                    keySeries(growth, "KvList, all keys", Growth.KeyPoint::listMillis),
                    keySeries(growth, "bare server, same stream", Growth.KeyPoint::bareListMillis)),
            chart("Agent RSS vs keys", "keys", "MiB",
                    keySeries(growth, "idle, store loaded", p -> p.idleRssKib() / 1024.0),
                    keySeries(growth, "peak while listing", p -> p.listRssKib() / 1024.0)),
            chart("Watch event latency vs watchers", "watchers", "milliseconds",
                    watcherSeries(growth, "agent p50", Growth.WatcherPoint::p50Millis),
                    watcherSeries(growth, "agent p99", Growth.WatcherPoint::p99Millis),
                    watcherSeries(growth, "direct xs_wire watch p50", Growth.WatcherPoint::baselineP50Millis)),
            chart("Agent RSS vs watchers", "watchers", "MiB",
                    watcherSeries(growth, "RSS with the streams open", p -> p.rssKib() / 1024.0)),
        };
        BufferedImage image = new BufferedImage(2 * CELL_W, 2 * CELL_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < charts.length; i++) {
            charts[i].draw(g, new Rectangle2D.Double((i % 2) * CELL_W, (i / 2) * CELL_H, CELL_W, CELL_H));
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static XYSeries keySeries(Growth growth, String name, ToDoubleFunction<Growth.KeyPoint> y) {
        XYSeries series = new XYSeries(name);
        growth.keys.forEach(p -> series.add(p.keys(), y.applyAsDouble(p)));
        return series;
    }

    private static XYSeries watcherSeries(Growth growth, String name, ToDoubleFunction<Growth.WatcherPoint> y) {
        XYSeries series = new XYSeries(name);
        growth.watchers.forEach(p -> series.add(p.watchers(), y.applyAsDouble(p)));
        return series;
    }

    private static JFreeChart chart(String title, String x, String y, XYSeries... series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (XYSeries s : series) {
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, x, y, data, PlotOrientation.VERTICAL, true, false,
                false);
        XYPlot plot = chart.getXYPlot();
        // Keys and watchers span two or three decades: a log axis keeps the small counts visible.
        LogAxis logX = new LogAxis(x);
        logX.setBase(10);
        logX.setSmallestValue(1);
        // One tick per decade, labelled 1, 10, 100 rather than 10^0, 10^1, 10^2.
        logX.setTickUnit(new NumberTickUnit(1));
        logX.setNumberFormatOverride(new DecimalFormat("#,##0"));
        plot.setDomainAxis(logX);
        plot.setRenderer(new XYLineAndShapeRenderer(true, true));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return chart;
    }
}
