package io.pvscope.bench.report;

import java.util.ArrayList;
import java.util.List;

/** How cost grows with the store's size and the number of watchers: the points of the plot. */
public final class Growth {

    /** One store size: KvRead p50, the full KvList time, and the agent's RSS idle and while listing. */
    public record KeyPoint(int keys, double readP50Micros, double listMillis, double bareListMillis, long idleRssKib,
                           long listRssKib) {
    }

    /** One watcher count: event latency and the agent's RSS with that many streams open. */
    public record WatcherPoint(int watchers, double p50Millis, double p99Millis, double baselineP50Millis,
                               long rssKib) {
    }

    public final List<KeyPoint> keys = new ArrayList<>();
    public final List<WatcherPoint> watchers = new ArrayList<>();
}
