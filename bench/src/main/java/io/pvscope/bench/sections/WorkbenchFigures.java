package io.pvscope.bench.sections;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures the workbench measurement wrote (the plug-in test bundle's IdeResponsivenessMeasurement): one
 * line per figure, {@code side TAB what TAB round TAB milliseconds}; lines starting with # are remarks.
 */
final class WorkbenchFigures {

    private final Map<String, List<Double>> millis = new HashMap<>();
    private final List<String> remarks = new ArrayList<>();

    private WorkbenchFigures() {
    }

    static WorkbenchFigures read(Path file) throws IOException {
        WorkbenchFigures figures = new WorkbenchFigures();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("#")) {
                figures.remarks.add(line.substring(1).trim());
            } else if (!line.isBlank()) {
                String[] fields = line.split("\t");
                if (fields.length != 4) {
                    throw new IOException(file + ": not side, what, round, milliseconds: " + line);
                }
                figures.millis.computeIfAbsent(fields[0] + " " + fields[1], key -> new ArrayList<>())
                        .add(Double.parseDouble(fields[3]));
            }
        }
        return figures;
    }

    /** The median over the rounds of {@code side}'s {@code what}. */
    double median(String side, String what) {
        List<Double> values = values(side, what).stream().sorted().toList();
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2.0;
    }

    /** The largest over the rounds of {@code side}'s {@code what}. */
    double max(String side, String what) {
        return values(side, what).stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    int rounds(String side, String what) {
        return values(side, what).size();
    }

    List<String> remarks() {
        return remarks;
    }

    private List<Double> values(String side, String what) {
        List<Double> values = millis.get(side + " " + what);
        if (values == null || values.isEmpty()) {
            throw new IllegalStateException("the workbench measurement wrote no figure for " + side + " " + what);
        }
        return values;
    }
}
