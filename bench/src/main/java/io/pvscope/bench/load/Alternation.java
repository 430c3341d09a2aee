package io.pvscope.bench.load;

import java.time.Duration;

/**
 * Measures a subject and its baseline in alternating rounds after a warm-up of both, so that the noise of
 * shared cores (a neighbour's burst, frequency changes) falls on both sides rather than on one.
 */
public final class Alternation {

    /** One side of the comparison: run it for a while and return what was seen. */
    @FunctionalInterface
    public interface Run {
        Sample run(Duration duration) throws Exception;
    }

    public record Result(Sample subject, Sample baseline) {
    }

    private final Duration warmup;
    private final Duration round;
    private final int rounds;

    public Alternation(Duration warmup, Duration round, int rounds) {
        this.warmup = warmup;
        this.round = round;
        this.rounds = rounds;
    }

    public Result compare(Run subject, Run baseline) throws Exception {
        subject.run(warmup);
        baseline.run(warmup);
        Sample s = new Sample();
        Sample b = new Sample();
        for (int i = 0; i < rounds; i++) {
            // Swap the order each round: neither side always runs right after the other's garbage.
            if (i % 2 == 0) {
                b.add(baseline.run(round));
                s.add(subject.run(round));
            } else {
                s.add(subject.run(round));
                b.add(baseline.run(round));
            }
        }
        return new Result(s, b);
    }
}
