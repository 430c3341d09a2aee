package io.pvscope.agent.cli;

import io.pvscope.agent.bus.Detection;
import io.pvscope.agent.fs.SystemRoot;
import io.pvscope.agent.tree.GuestSnapshot;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.function.BiConsumer;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What {@code detect} and {@code tree} share: {@code --root}, {@code --json}, and printing in either form. */
final class DetectionOutput {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Mixin
    private RootOption root;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean json;

    SystemRoot systemRoot() {
        return root.systemRoot();
    }

    GuestSnapshot detect() {
        return new Detection(root.systemRoot(), Clock.systemUTC()).current();
    }

    <T> int print(T result, Function<T, String> asJson, BiConsumer<T, PrintWriter> asText) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(asJson.apply(result));
            out.flush();
        } else {
            asText.accept(result, out);
        }
        return 0;
    }
}
