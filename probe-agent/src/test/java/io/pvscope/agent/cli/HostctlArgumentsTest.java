package io.pvscope.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** hostctl's getopt forms parsed without picocli, checked against picocli's parse of the same arguments. */
class HostctlArgumentsTest {

    @Test
    void getoptFormsAreParsedAsPicocliParsesThem() {
        for (List<String> args : List.of(
                List.<String>of(),
                List.of("-t"),
                List.of("-q", "-t"),
                List.of("-qt"),
                List.of("-tq", "guestinfo.key"),
                List.of("guestinfo.key"),
                List.of("guestinfo.key", "a value"),
                List.of("guestinfo.key", "-q"),
                List.of("guestinfo.key", "--help", "-H"),
                List.of("-f", "/dev/pvbus1", "-t"),
                List.of("-f/dev/pvbus1", "key"),
                List.of("-qf", "/dev/pvbus2", "key"),
                List.of("-qf/dev/pvbus2", "key", "value"),
                List.of("-i", "-", "key"),
                List.of("-o", "-", "key"),
                List.of("-i", "in.txt", "-o", "out.txt", "key"),
                List.of("-io", "out.txt", "key"),
                List.of("--", "-key", "value"),
                List.of("-q", "--", "-t"),
                List.of("-", "value"),
                List.of("key", ""),
                List.of("ключ", "значение"),
                List.of("--store", "sim=/tmp/store.json", "-t"),
                List.of("--store=sim=/tmp/store.json", "-q", "key"),
                List.of("--store", "sim=/tmp/a.json", "--store", "kvp=/tmp/pools", "key"),
                List.of("-q", "--store", "auto", "key", "--store"))) {
            String[] array = args.toArray(String[]::new);
            HostctlCommand byPicocli = new HostctlCommand();
            HostctlCommandLines.commandLine(byPicocli).parseArgs(array);
            assertThat(HostctlArguments.parse(array)).as("%s", args).hasValueSatisfying(
                    fast -> assertThat(fast.parsed()).as("%s", args).isEqualTo(byPicocli.parsed()));
        }
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        for (List<String> args : List.of(
                List.of("-H", "127.0.0.1:1", "key"),
                List.of("-tH", "127.0.0.1:1"),
                List.of("--store", "-t"),
                List.of("--store", "-", "-t"),
                List.of("--store="),
                List.of("--store", "@stores"),
                List.of("--xenstore", "/run/xenstored/socket", "key"),
                List.of("--storex", "a"),
                List.of("--help"),
                List.of("-h"),
                List.of("-x", "key"),
                List.of("-q", "-q", "key"),
                List.of("-qq", "key"),
                List.of("-f"),
                List.of("-f", "-t"),
                List.of("-f", ""),
                List.of("-f=/dev/pvbus1", "-t"),
                List.of("-i", "@file", "key"),
                List.of("@arguments"),
                List.of("key", "@value"))) {
            assertThat(HostctlArguments.parse(args.toArray(String[]::new))).as("%s", args).isEmpty();
        }
    }

    @Test
    void aLocalHostctlAnswersAsThroughPicocli() throws Exception {
        for (List<String> args : List.of(List.of("-t"), List.of("-f", "/dev/pvbus9", "-t"),
                List.of("-q", "guestinfo.none"))) {
            String[] array = args.toArray(String[]::new);
            ByteArrayOutputStream fastOut = new ByteArrayOutputStream();
            ByteArrayOutputStream fastErr = new ByteArrayOutputStream();
            OptionalInt fast = HostctlArguments.run(array, new ByteArrayInputStream(new byte[0]),
                    new PrintStream(fastOut, true, StandardCharsets.UTF_8), new PrintStream(fastErr, true,
                            StandardCharsets.UTF_8));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = HostctlCommandLines.commandLine(new HostctlCommand(null, new ByteArrayInputStream(new byte[0]),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                            StandardCharsets.UTF_8))).execute(array);

            assertThat(fast).as("%s", args).hasValue(exit);
            assertThat(fastOut.toString(StandardCharsets.UTF_8)).as("%s", args)
                    .isEqualTo(out.toString(StandardCharsets.UTF_8));
            assertThat(fastErr.toString(StandardCharsets.UTF_8)).as("%s", args)
                    .isEqualTo(err.toString(StandardCharsets.UTF_8));
            assertThat(fastOut.size() + fastErr.size()).as("%s answered something", args).isPositive();
        }
    }
}
