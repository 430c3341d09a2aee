package io.pvscope.bench.baseline;

/** The Java floor: a JVM that starts, runs nothing and exits, against which a command's start-up is set. */
public final class EmptyMain {

    private EmptyMain() {
    }

    public static void main(String[] args) {
        // Nothing: the JVM's own start and exit are the measurement.
    }
}
