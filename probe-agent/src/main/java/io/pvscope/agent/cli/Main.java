package io.pvscope.agent.cli;

import java.util.OptionalInt;

/** Entry point of pvscope-agent.jar. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        // A service's serve and a script's detect do not need picocli; everything else, help and errors
        // included, does.
        OptionalInt done = ServeArguments.run(args);
        if (done.isEmpty()) {
            done = DetectArguments.run(args);
        }
        System.exit(done.isPresent() ? done.getAsInt() : CommandLines.forArguments(args).execute(args));
    }
}
