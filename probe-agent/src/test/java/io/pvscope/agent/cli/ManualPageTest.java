package io.pvscope.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/man/pvscope.1 against the command line picocli builds from the real command classes: a subcommand or
 * an option added to the code and not to the manual page fails here. Each subcommand's entry starts with an
 * {@code .It Xo Cm NAME} (or {@code .It Cm NAME}) line and must name each of its options as {@code .Fl};
 * the help and version options, which every command has, need to be described once.
 */
class ManualPageTest {

    private static final Path PAGE = Path.of("..", "docs", "man", "pvscope.1");
    private static final Pattern ENTRY = Pattern.compile("^\\.It (?:Xo )?Cm (\\S+)");
    private static final Pattern ENTRY_END = Pattern.compile("^\\.(?:It (?:Xo )?Cm |Ss |Sh )");

    private static List<String> lines;

    @BeforeAll
    static void readPage() throws IOException {
        lines = Files.readAllLines(PAGE, StandardCharsets.UTF_8);
    }

    @Test
    void everySubcommandHasAnEntry() {
        assertThat(entries().keySet()).containsAll(CommandLines.full().getSubcommands().keySet());
    }

    @Test
    void everyEntryNamesTheOptionsOfItsSubcommand() {
        Map<String, String> entries = entries();
        List<String> missing = new ArrayList<>();
        CommandLines.full().getSubcommands().forEach((name, subcommand) -> {
            for (OptionSpec option : subcommand.getCommandSpec().options()) {
                String where = option.usageHelp() || option.versionHelp() ? String.join("\n", lines)
                        : entries.getOrDefault(name, "");
                if (!names(where, option.longestName())) {
                    missing.add(name + " " + option.longestName());
                }
            }
        });
        assertThat(missing).as("options missing from " + PAGE).isEmpty();
    }

    @Test
    void theTopLevelOptionsAreDescribed() {
        String page = String.join("\n", lines);
        for (OptionSpec option : CommandLines.full().getCommandSpec().options()) {
            assertThat(names(page, option.longestName())).as(option.longestName()).isTrue();
        }
    }

    /** The text of each subcommand's entry, from its {@code .It} line to the next entry or section. */
    private static Map<String, String> entries() {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher entry = ENTRY.matcher(lines.get(i));
            if (!entry.find()) {
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && !ENTRY_END.matcher(lines.get(end)).find()) {
                end++;
            }
            entries.put(entry.group(1), String.join("\n", lines.subList(i, end)));
        }
        return entries;
    }

    /** Whether mdoc text has the option as a flag: "--listen" as "Fl -listen", "-H" as "Fl H". */
    private static boolean names(String text, String option) {
        return Pattern.compile("\\bFl " + Pattern.quote(option.substring(1)) + "(?=\\s|$)", Pattern.MULTILINE)
                .matcher(text).find();
    }
}
