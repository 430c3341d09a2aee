package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Periodic checks with one period fall on the same instants, whenever each stream started. */
class AlignedTicksTest {

    private static final long PERIOD = 250_000_000L;

    @Test
    void theFirstCheckIsAtTheNextMultipleOfThePeriodOnTheJvmClock() {
        // System.nanoTime() may be negative; a start exactly on a multiple waits a whole period.
        for (long now : new long[] {0, 1, 123_456_789, PERIOD - 1, PERIOD, 10 * PERIOD + 7, -5, -PERIOD - 1}) {
            long first = AlignedTicks.delayToNext(now, PERIOD);

            assertThat(first).as("delay from %d", now).isBetween(1L, PERIOD);
            assertThat(Math.floorMod(now + first, PERIOD)).as("first check from %d", now).isZero();
        }
    }

    @Test
    void streamsStartedApartShareTheirCheckInstants() {
        long early = 7 * PERIOD + 12_345;
        long late = early + PERIOD / 3;

        assertThat(early + AlignedTicks.delayToNext(early, PERIOD))
                .isEqualTo(late + AlignedTicks.delayToNext(late, PERIOD));
    }
}
