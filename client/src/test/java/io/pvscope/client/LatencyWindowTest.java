package io.pvscope.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LatencyWindowTest {

    private final AtomicLong clock = new AtomicLong();
    private final LatencyWindow window = new LatencyWindow(clock::get);

    @Test
    void theMedianIsOfTheLastMinuteOnly() {
        assertThat(window.median()).isEmpty();
        window.add(Duration.ofMillis(900));
        clock.addAndGet(Duration.ofSeconds(30).toNanos());
        window.add(Duration.ofMillis(2));
        window.add(Duration.ofMillis(4));
        assertThat(window.median()).contains(Duration.ofMillis(4));

        clock.addAndGet(Duration.ofSeconds(31).toNanos());
        assertThat(window.median()).as("the 900 ms sample is older than a minute").contains(Duration.ofMillis(3));
    }
}
