package io.pvscope.bench.sections;

import io.pvscope.bench.load.Sample;

/** A figure from failed calls would flatter the side that failed fast: refuse it. */
final class Errors {

    private Errors() {
    }

    static void check(Sample sample, String what) {
        if (sample.errors() > 0) {
            throw new IllegalStateException(what + ": " + sample.errors() + " calls failed (of "
                    + (sample.errors() + sample.count()) + ")");
        }
        if (sample.count() == 0) {
            throw new IllegalStateException(what + ": no call completed");
        }
    }
}
