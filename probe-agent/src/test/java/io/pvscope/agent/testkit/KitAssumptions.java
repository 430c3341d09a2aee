package io.pvscope.agent.testkit;

import static org.junit.jupiter.api.Assumptions.abort;

import io.pvscope.testsupport.Unavailable;
import java.io.IOException;

/**
 * The one place the agent's tests turn the test kit's {@link Unavailable} (a program not installed, a daemon
 * that cannot run here) into a skipped test that says why; every other failure still fails the test.
 */
public final class KitAssumptions {

    private KitAssumptions() {
    }

    @FunctionalInterface
    public interface KitCall<T> {
        T call() throws IOException, InterruptedException;
    }

    /** What {@code call} returns, or the calling test skipped when this machine cannot provide it. */
    public static <T> T orSkip(KitCall<T> call) throws IOException, InterruptedException {
        try {
            return call.call();
        } catch (Unavailable e) {
            return abort(e.getMessage());
        }
    }
}
