package io.pvscope.testsupport;

import java.io.IOException;
import org.opentest4j.TestAbortedException;

/**
 * The one place tests turn the kit's {@link Unavailable} (a program not installed, a daemon that cannot run
 * here) into a skipped test that says why; every other failure still fails the test. It throws opentest4j's
 * abort, which JUnit reports as a skip, so the kit itself needs no JUnit.
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
            throw new TestAbortedException(e.getMessage(), e);
        }
    }
}
