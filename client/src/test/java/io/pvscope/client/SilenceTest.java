package io.pvscope.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SilenceTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final Silence silence = new Silence(Duration.ofSeconds(1), clock::get);

    private void advance(Duration by) {
        clock.addAndGet(by.toNanos());
    }

    @Test
    void anAgentIsNotAnsweringAfterThreeMissedHeartbeatsOnceAndUntilItIsHeardAgain() {
        advance(Duration.ofMillis(2999));
        assertThat(silence.check().notAnswering()).isFalse();

        advance(Duration.ofMillis(1));
        assertThat(silence.check()).isEqualTo(new Silence.Check(true, true, Duration.ofSeconds(3)));
        advance(Duration.ofSeconds(7));
        assertThat(silence.check()).isEqualTo(new Silence.Check(true, false, Duration.ofSeconds(10)));

        assertThat(silence.heard()).contains(Duration.ofSeconds(10));
        assertThat(silence.check().notAnswering()).isFalse();
        assertThat(silence.heard()).as("heard while answering: no silence ended").isEmpty();
    }

    @Test
    void aSilenceIsMeasuredOnlyAgainstHeartbeats() {
        assertThat(silence.threshold()).isEqualTo(Duration.ofSeconds(3));
        assertThatIllegalArgumentException().isThrownBy(() -> Silence.of(Duration.ZERO));
    }
}
