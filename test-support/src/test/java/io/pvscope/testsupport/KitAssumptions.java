package io.pvscope.testsupport;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;

/** The kit's own tests skip, saying why, where this machine cannot provide a part. */
public final class KitAssumptions {

    private KitAssumptions() {
    }

    @FunctionalInterface
    public interface KitCall<T> {
        T call() throws IOException, InterruptedException;
    }

    public static <T> T orSkip(KitCall<T> call) throws IOException, InterruptedException {
        try {
            return call.call();
        } catch (Unavailable e) {
            return abort(e.getMessage());
        }
    }
}
