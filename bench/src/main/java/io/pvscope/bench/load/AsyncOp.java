package io.pvscope.bench.load;

import java.util.function.Consumer;

/** One asynchronous call: starts it and reports its end to {@code done} (null on success). */
@FunctionalInterface
public interface AsyncOp {
    void start(Consumer<Throwable> done);
}
