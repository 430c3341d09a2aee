package io.pvscope.bench.load;

/** One call on a caller's own resources (e.g. its own socket); {@code caller} picks them. */
@FunctionalInterface
public interface BlockingOp {
    void call(int caller) throws Exception;
}
