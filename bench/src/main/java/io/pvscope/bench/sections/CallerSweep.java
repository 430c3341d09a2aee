package io.pvscope.bench.sections;

import io.pvscope.bench.BenchEnv;
import io.pvscope.bench.load.Alternation;
import io.pvscope.bench.load.AsyncOp;
import io.pvscope.bench.load.ClosedLoop;

/**
 * One unary call against its baseline at 1, 8 and 64 callers, alternated in rounds; each comparison is
 * checked for errors on both sides and handed to the section, which makes its rows.
 */
final class CallerSweep {

    /** What a section makes of one comparison. */
    @FunctionalInterface
    interface Rows {
        void add(int callers, Alternation.Result result);
    }

    private CallerSweep() {
    }

    static void run(BenchEnv env, AsyncOp subject, String subjectName, AsyncOp baseline, String baselineName,
                    Rows rows) throws Exception {
        Alternation alternation = new Alternation(env.scaled(2_000), env.scaled(1_000), 4);
        for (int callers : new int[] {1, 8, 64}) {
            var result = alternation.compare(d -> ClosedLoop.async(subject, callers, d),
                    d -> ClosedLoop.async(baseline, callers, d));
            Errors.check(result.subject(), subjectName);
            Errors.check(result.baseline(), baselineName);
            rows.add(callers, result);
        }
    }
}
