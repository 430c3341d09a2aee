package io.pvscope.agent.cli;

import java.util.OptionalInt;

/** Entry point of pvscope-agent.jar. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        // A service's serve does not need picocli; everything else, help and errors included, does.
        OptionalInt served = ServeArguments.run(args);
        System.exit(served.isPresent() ? served.getAsInt() : CommandLines.forArguments(args).execute(args));
    }
}
