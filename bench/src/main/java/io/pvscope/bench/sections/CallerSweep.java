package io.pvscope.bench.sections;

import io.pvscope.bench.BenchEnv;
import io.pvscope.bench.load.Alternation;
import io.pvscope.bench.load.AsyncOp;
import io.pvscope.bench.load.ClosedLoop;
import io.pvscope.bench.load.Sample;
import io.pvscope.bench.proc.ProcStatus;
import java.util.List;

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
        run(env, new Side(subject, subjectName, 0), new Side(baseline, baselineName, 0), rows);
    }

    /** One side: its call, its name in errors, and the pid of its server process (0: its CPU is not measured). */
    record Side(AsyncOp op, String name, long serverPid) {
    }

    /** Calls each side gets before any is measured: enough for the JIT to have compiled their paths. */
    static final long JIT_WARM_UP_MILLIS = 6_000;

    static void run(BenchEnv env, Side subject, Side baseline, Rows rows) throws Exception {
        // Compiled code on both sides before the lone caller's rounds: a server still compiling spends its CPU
        // on the JIT, and the side with more code (the agent) would be measured compiling, not serving.
        for (Side side : List.of(subject, baseline)) {
            Errors.check(ClosedLoop.async(side.op(), 8, env.scaled(JIT_WARM_UP_MILLIS)), side.name());
        }
        Alternation alternation = new Alternation(env.scaled(2_000), env.scaled(1_000), 4);
        for (int callers : new int[] {1, 8, 64}) {
            var result = alternation.compare(d -> measured(subject, callers, d), d -> measured(baseline, callers, d));
            Errors.check(result.subject(), subject.name());
            Errors.check(result.baseline(), baseline.name());
            rows.add(callers, result);
        }
    }

    /**
     * The side's calls for a while, with its server's CPU time meanwhile: unlike latency, CPU per call hardly
     * moves with what neighbours on the shared cores do, so it shows the server's own work per call.
     */
    private static Sample measured(Side side, int callers, java.time.Duration duration) throws Exception {
        long before = side.serverPid() == 0 ? 0 : ProcStatus.cpuMillis(side.serverPid());
        Sample sample = ClosedLoop.async(side.op(), callers, duration);
        if (side.serverPid() != 0) {
            sample.addServerCpu(ProcStatus.cpuMillis(side.serverPid()) - before);
        }
        return sample;
    }
}
