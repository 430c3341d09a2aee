package io.pvscope.bench.report;

import java.util.Locale;

/** Number formatting for the table: durations in the unit that keeps three significant digits. */
public final class Fmt {

    private Fmt() {
    }

    public static String micros(double micros) {
        if (micros < 1_000) {
            return String.format(Locale.ROOT, "%.0f µs", micros);
        }
        if (micros < 1_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", micros / 1_000);
        }
        return String.format(Locale.ROOT, "%.2f s", micros / 1_000_000);
    }

    public static String millis(double millis) {
        return micros(millis * 1_000);
    }

    public static String rate(double perSecond) {
        return perSecond >= 10_000 ? String.format(Locale.ROOT, "%.1fk/s", perSecond / 1_000)
                : String.format(Locale.ROOT, "%.0f/s", perSecond);
    }

    public static String mib(long kib) {
        return kib < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0);
    }

    public static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }

    /** For "at most" targets: met, or by how much the value is over. */
    public static String atMost(double value, double limit) {
        if (value <= limit) {
            return "met";
        }
        return missedBy((value / limit - 1) * 100);
    }

    /** For "at least" targets: met, or by how much the value is short. */
    public static String atLeast(double value, double floor) {
        if (value >= floor) {
            return "met";
        }
        return missedBy((1 - value / floor) * 100);
    }

    private static String missedBy(double percent) {
        return String.format(Locale.ROOT, percent < 10 ? "missed by %.1f%%" : "missed by %.0f%%", percent);
    }
}
