package io.pvscope.core.tests.agent;

import io.pvscope.testsupport.Unavailable;
import java.io.IOException;
import org.opentest4j.TestAbortedException;

/**
 * The one place the plug-in's tests turn the test kit's {@link Unavailable} (a program not installed, a
 * daemon that cannot run here) into a skipped test that says why; every other failure still fails it.
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
            throw new TestAbortedException(e.getMessage());
        }
    }
}
