package io.pvscope.agent.hostctl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.bus.AgentBus;
import io.pvscope.agent.cli.HostctlCommand;
import io.pvscope.agent.cli.HostctlCommandLines;
import io.pvscope.agent.bus.Detection;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.sim.SimStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table of docs/hostctl.md, row by row: each row is run in order against this guest's units (a captured
 * KVM guest, so /dev/pvbus0 is KVM without a store) and the simulated store as /dev/pvbus1. The table in
 * the document is rendered from these rows; the test fails if the two differ (run with
 * -Dpvscope.updateDocs=true to rewrite it).
 */
class HostctlTableTest {

    private static final Path DOC = Path.of("..", "docs", "hostctl.md");
    private static final String BEGIN = "<!-- hostctl-table:begin -->";
    private static final String END = "<!-- hostctl-table:end -->";
    private static final String X4095 = "x".repeat(4095);

    private record Row(String what, List<String> args, String stdin, String out, String err, int exit) {
    }

    private static Row row(String what, String out, String err, int exit, String... args) {
        return new Row(what, List.of(args), "", out, err, exit);
    }

    private static final List<Row> ROWS = List.of(
            row("type of the first unit", "/dev/pvbus0: KVM\n", "", 0, "-t"),
            row("type of the second unit", "/dev/pvbus1: sim\n", "", 0, "-t", "-f", "/dev/pvbus1"),
            row("read a value", "00:16:3e:5a:1c:07\n", "", 0, "-f", "/dev/pvbus1", "device/vif/0/mac"),
            row("read a directory: its children", "vbd\nvif\n", "", 0, "-f", "/dev/pvbus1", "device"),
            row("read quietly", "", "", 0, "-q", "-f", "/dev/pvbus1", "name"),
            row("clustered flags", "/dev/pvbus1: sim\n", "", 0, "-qtf/dev/pvbus1"),
            row("missing key", "", "hostctl: ioctl: No such file or directory\n", 1,
                    "-f", "/dev/pvbus1", "device/vif/9/mac"),
            row("unit without a store (KVM)", "", "hostctl: ioctl: Device not configured\n", 1, "name"),
            row("unit past the last", "", "hostctl: open: /dev/pvbus7: Device not configured\n", 1,
                    "-f", "/dev/pvbus7", "name"),
            row("not a pvbus device", "", "hostctl: open: /dev/sd0: No such file or directory\n", 1,
                    "-f", "/dev/sd0", "name"),
            row("write: nothing printed", "", "", 0, "-f", "/dev/pvbus1", "data/plain", "hello world"),
            row("read it back", "hello world\n", "", 0, "-f", "/dev/pvbus1", "data/plain"),
            row("write a backslash", "", "", 0, "-f", "/dev/pvbus1", "data/bs", "back\\slash"),
            row("stored doubled, printed doubled again", "back\\\\\\\\slash\n", "", 0,
                    "-f", "/dev/pvbus1", "data/bs"),
            row("write a tab", "", "", 0, "-f", "/dev/pvbus1", "data/tab", "a\tb"),
            row("a tab passes both ways", "a\tb\n", "", 0, "-f", "/dev/pvbus1", "data/tab"),
            row("write UTF-8", "", "", 0, "-f", "/dev/pvbus1", "data/utf8", "é"),
            row("UTF-8 is vis-encoded before sending, and again when printed", "\\\\M-C\\\\M-)\n", "", 0,
                    "-f", "/dev/pvbus1", "data/utf8"),
            row("write an escape sequence", "", "", 0, "-f", "/dev/pvbus1", "data/esc", "\u001b[31m"),
            row("control characters come back encoded twice", "\\\\^[[31m\n", "", 0,
                    "-f", "/dev/pvbus1", "data/esc"),
            row("write two lines", "", "", 0, "-f", "/dev/pvbus1", "data/nl", "line1\nline2"),
            row("only the first line was sent", "line1\n", "", 0, "-f", "/dev/pvbus1", "data/nl"),
            row("write 4095 bytes: fits the 4096-byte buffer", "", "", 0,
                    "-f", "/dev/pvbus1", "data/max", X4095),
            row("read 4095 bytes", X4095 + "\n", "", 0, "-f", "/dev/pvbus1", "data/max"),
            row("write 5000 bytes", "", "hostctl: value too long\n", 1,
                    "-f", "/dev/pvbus1", "data/big", "y".repeat(5000)),
            row("the refused write changed nothing", "", "hostctl: ioctl: No such file or directory\n", 1,
                    "-f", "/dev/pvbus1", "data/big"),
            row("key too long", "", "hostctl: key too long\n", 1, "-f", "/dev/pvbus1", "k".repeat(4096)),
            row("write a bad key", "", "hostctl: ioctl: Invalid argument\n", 1,
                    "-f", "/dev/pvbus1", "data/../name", "x"),
            new Row("value from standard input (-i -)", List.of("-f", "/dev/pvbus1", "-i", "-", "data/stdin"),
                    "from stdin\nsecond line\n", "", "", 0),
            row("the first line of the input", "from stdin\n", "", 0, "-f", "/dev/pvbus1", "data/stdin"),
            new Row("empty input", List.of("-f", "/dev/pvbus1", "-i", "-", "data/stdin"), "", "",
                    "hostctl: input file\n", 1),
            row("options after the key are a value", "", "", 0, "-f", "/dev/pvbus1", "data/opt", "-q"),
            row("read it", "-q\n", "", 0, "-f", "/dev/pvbus1", "data/opt"),
            row("no key", "", Hostctl.USAGE + "\n", 1),
            row("-i with a value", "", Hostctl.USAGE + "\n", 1, "-i", "-", "data/x", "y"),
            row("three operands", "", Hostctl.USAGE + "\n", 1, "a", "b", "c"));

    @TempDir
    Path dir;

    @Test
    void everyRowOfTheDocumentedTableHolds() throws Exception {
        AgentBus bus = new AgentBus(new Detection(FakeRoots.root("kvm-this-machine"), Clock.systemUTC()),
                List.of(SimStore.open(dir.resolve("sim.json"))));
        try (LocalPvbusAccess access = new LocalPvbusAccess(bus)) {
            for (Row row : ROWS) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                HostctlCommand command = new HostctlCommand(access, new ByteArrayInputStream(row.stdin().getBytes(UTF_8)),
                        new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
                int exit = HostctlCommandLines.commandLine(command).execute(row.args().toArray(String[]::new));

                assertThat(out.toString(UTF_8)).as(row.what() + ": stdout").isEqualTo(row.out());
                assertThat(err.toString(UTF_8)).as(row.what() + ": stderr").startsWith(row.err());
                assertThat(exit).as(row.what() + ": exit").isEqualTo(row.exit());
            }
        }
        String table = render();
        String doc = Files.readString(DOC, UTF_8);
        String current = doc.substring(doc.indexOf(BEGIN) + BEGIN.length(), doc.indexOf(END));
        if (Boolean.getBoolean("pvscope.updateDocs")) {
            Files.writeString(DOC, doc.replace(current, table), UTF_8);
        } else {
            assertThat(current).as("docs/hostctl.md table (rerun with -Dpvscope.updateDocs=true)").isEqualTo(table);
        }
    }

    private static String render() {
        StringBuilder table = new StringBuilder("\n| # | what | command | prints | exit |\n|---|---|---|---|---|\n");
        int n = 1;
        for (Row row : ROWS) {
            String printed = (row.out() + row.err()).stripTrailing();
            table.append("| ").append(n++).append(" | ").append(row.what()).append(" | ")
                    .append(code((row.stdin().isEmpty() ? "" : "printf " + shellQuote(row.stdin()) + " | ")
                            + "hostctl " + row.args().stream().map(HostctlTableTest::shellQuote)
                            .collect(Collectors.joining(" "))).stripTrailing())
                    .append(" | ").append(printed.isEmpty() ? "(nothing)" : printed.lines().map(HostctlTableTest::code)
                            .collect(Collectors.joining("<br>")))
                    .append(" | ").append(row.exit()).append(" |\n");
        }
        return table.toString();
    }

    /** Shell quoting that shows every byte: $'...' with C escapes where a byte is not plain. */
    private static String shellQuote(String arg) {
        if (arg.length() > 40 && arg.chars().distinct().count() == 1) {
            return "\"$(printf '" + arg.charAt(0) + "%.0s' $(seq " + arg.length() + "))\"";
        }
        if (arg.matches("[A-Za-z0-9_./:=-]+")) {
            return arg;
        }
        List<String> parts = new ArrayList<>();
        boolean plain = true;
        for (byte b : arg.getBytes(UTF_8)) {
            int c = b & 0xff;
            if (c == '\'' || c == '\\' || c < 0x20 || c >= 0x7f) {
                plain = false;
                parts.add(c == '\'' ? "\\'" : c == '\\' ? "\\\\" : c == '\n' ? "\\n" : c == '\t' ? "\\t"
                        : String.format("\\x%02x", c));
            } else {
                parts.add(String.valueOf((char) c));
            }
        }
        return plain ? "'" + arg + "'" : "$'" + String.join("", parts) + "'";
    }

    private static String code(String text) {
        String escaped = text.replace("|", "\\|");
        return escaped.contains("`") ? "`` " + escaped + " ``" : "`" + escaped + "`";
    }
}
