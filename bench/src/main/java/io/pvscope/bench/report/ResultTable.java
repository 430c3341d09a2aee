package io.pvscope.bench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Every measurement of a run, printed as one Markdown table (readable in a terminal and in the docs). */
public final class ResultTable {

    private static final String[] HEADER = {"#", "measurement", "PvScope", "baseline", "ratio", "target", "verdict"};

    private final List<Row> rows = new ArrayList<>();

    public synchronized void add(Row row) {
        rows.add(row);
        System.err.println("  " + row.section() + " " + row.what() + ": " + row.subject() + " vs " + row.baseline()
                + " = " + row.ratio() + " [" + row.target() + "] " + row.verdict());
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    public synchronized String markdown() {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (Row r : rows) {
            cells.add(new String[] {r.section(), r.what(), r.subject(), r.baseline(), r.ratio(), r.target(), r.verdict()});
        }
        int[] widths = new int[HEADER.length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].codePointCount(0, line[i].length()));
            }
        }
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < cells.size(); n++) {
            out.append(line(cells.get(n), widths));
            if (n == 0) {
                String[] rule = new String[widths.length];
                for (int i = 0; i < widths.length; i++) {
                    rule[i] = "-".repeat(widths[i]);
                }
                out.append(line(rule, widths));
            }
        }
        return out.toString();
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i].replace("|", "/");
            line.append(' ').append(cell)
                    .append(" ".repeat(widths[i] - cell.codePointCount(0, cell.length()))).append(" |");
        }
        return line.append('\n').toString();
    }

    public void print(PrintStream out) {
        out.print(markdown());
        out.flush();
    }

    public void save(Path file) throws IOException {
        Files.writeString(file, markdown(), StandardCharsets.UTF_8);
    }
}
