package io.pvscope.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.ChildJvm;
import io.pvscope.agent.detect.FakeRoots;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The command line built for the given arguments only (the named subcommand, or a listing of all for the
 * top command's help) answers exactly as the one with every subcommand built, and loads no more than it needs.
 */
class LazyCommandLineTest {

    static Stream<List<String>> arguments() {
        List<List<String>> cases = new ArrayList<>(List.of(List.of(), List.of("--help"), List.of("-h"),
                List.of("--version"), List.of("nosuch"), List.of("detect", "--root", "/nonexistent", "--bogus")));
        Subcommands.NAMES.forEach(name -> cases.add(List.of(name, "--help")));
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("arguments")
    void answersAsTheFullCommandLine(List<String> args) {
        String[] given = args.toArray(String[]::new);

        Answer lazy = Answer.of(CommandLines::forArguments, given);
        Answer full = Answer.of(ignored -> CommandLines.full(), given);

        assertThat(lazy).isEqualTo(full);
        assertThat(lazy.out() + lazy.err()).isNotBlank();
    }

    @Test
    void theTopHelpListsEverySubcommandWithItsDescription() {
        Answer help = Answer.of(CommandLines::forArguments, "--help");

        for (String name : Subcommands.NAMES) {
            assertThat(help.out()).containsPattern("(?m)^ +" + name + " +" + java.util.regex.Pattern.quote(
                    Subcommands.description(name)[0].substring(0, 20)));
        }
    }

    @Test
    void aSubcommandIsBuiltAlone() {
        assertThat(CommandLines.forArguments("detect", "--json").getSubcommands().keySet()).containsExactly("detect");
    }

    @Test
    void plainDetectLoadsNeitherPicocliNorGrpc() throws Exception {
        String log = classesLoadedBy("detect", "--root", FakeRoots.path("kvm-hyperv").toString());

        assertThat(log).contains("pvbus0 at mainbus0", DetectArguments.class.getName() + " ");
        assertThat(log).doesNotContain("picocli.", "io.grpc.", DetectCommand.class.getName() + " ");
    }

    @Test
    void aCommandBuiltByPicocliLoadsNeitherGrpcNorTheOtherCommands() throws Exception {
        String log = classesLoadedBy("detect", "--help");

        assertThat(log).contains("picocli.CommandLine ", DetectCommand.class.getName() + " ");
        assertThat(log).doesNotContain("io.grpc.", ServeCommand.class.getName() + " ",
                WatchCommand.class.getName() + " ", LsCommand.class.getName() + " ");
    }

    @Test
    void aLocalHostctlLoadsNeitherPicocliNorGrpc(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String log = classesLoadedBy(HostctlMain.class, "--store", "sim=" + dir.resolve("sim.json"), "-t");

        assertThat(log).contains(HostctlArguments.class.getName() + " ", "KVM");
        assertThat(log).doesNotContain("picocli.", "io.grpc.");
    }

    /** What a child JVM running {@code pvscope ARGS} printed, with a line per class it loaded. */
    private static String classesLoadedBy(String... args) throws Exception {
        return classesLoadedBy(Main.class, args);
    }

    private static String classesLoadedBy(Class<?> main, String... args) throws Exception {
        return ChildJvm.run(List.of("-Xlog:class+load=info"), main.getName(), List.of(args)).output();
    }

    private record Answer(int exit, String out, String err) {

        static Answer of(Function<String[], CommandLine> build, String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = build.apply(args).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
            return new Answer(exit, out.toString(), err.toString());
        }
    }
}
