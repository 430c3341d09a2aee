package io.pvscope.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.detect.FakeRoots;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain forms of {@code pvscope detect} answered without picocli, checked against picocli's own answers. */
class DetectArgumentsTest {

    /** What one run printed and returned; the time of the detection, which JSON gives, left out. */
    private record Outcome(int exit, String out, String err) {
        Outcome {
            out = out.replaceAll("\"detected\": \"[^\"]*\"", "\"detected\": \"(when)\"");
        }
    }

    @Test
    void plainFormsPrintExactlyWhatPicocliPrints() throws Exception {
        for (String root : List.of("kvm-hyperv", "xen-viridian", "xen-dom0", "no-hypervisor")) {
            String dir = FakeRoots.path(root).toString();
            for (List<String> args : List.of(
                    List.of("detect", "--root", dir),
                    List.of("detect", "--root=" + dir),
                    List.of("detect", "--json", "--root", dir),
                    List.of("detect", "--root", dir, "--json"))) {
                Outcome fast = fast(args);
                assertThat(fast).as("%s", args).isEqualTo(picocli(args));
                assertThat(fast.out()).as("%s", args).isNotBlank();
            }
        }
    }

    @Test
    void thisMachineIsDetectedAsPicocliDetectsIt() throws Exception {
        for (List<String> args : List.of(List.of("detect"), List.of("detect", "--json"))) {
            Outcome fast = fast(args);
            assertThat(fast.exit()).isZero();
            assertThat(fast).as("%s", args).isEqualTo(picocli(args));
        }
    }

    @Test
    void everythingElseIsLeftToPicocli(@TempDir Path dir) {
        String root = dir.toString();
        for (List<String> args : List.of(
                List.<String>of(),
                List.of("tree"),
                List.of("detect", "--help"),
                List.of("detect", "-h"),
                List.of("detect", "--version"),
                List.of("detect", "--benchmark", "5"),
                List.of("detect", "--json", "--json"),
                List.of("detect", "--root"),
                List.of("detect", "--root", root, "--root", root),
                List.of("detect", "--root", "-x"),
                List.of("detect", "--root", "@args"),
                List.of("detect", "--root="),
                List.of("detect", "--root", root + "/missing"),
                List.of("detect", "@args"),
                List.of("detect", "extra"),
                List.of("detect", "--JSON"))) {
            assertThat(DetectArguments.parse(args.toArray(String[]::new))).as("%s", args).isEmpty();
        }
        assertThat(DetectArguments.parse(new String[] {"detect", "--root=" + root, "--json"}))
                .hasValue(new DetectArguments.Plain(true, java.util.Optional.of(dir)));
    }

    private static Outcome fast(List<String> args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        OptionalInt exit = DetectArguments.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        assertThat(exit).as("answered without picocli: %s", args).isPresent();
        return new Outcome(exit.getAsInt(), out.toString(), err.toString());
    }

    private static Outcome picocli(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] array = args.toArray(String[]::new);
        int exit = CommandLines.forArguments(array).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(array);
        return new Outcome(exit, out.toString(), err.toString());
    }
}
