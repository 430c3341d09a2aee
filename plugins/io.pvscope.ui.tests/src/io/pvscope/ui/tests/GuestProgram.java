package io.pvscope.ui.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small Java program that stands for the code under debug: it calls {@code tick} in a loop, so a
 * breakpoint on {@link #BREAKPOINT_LINE} stops it again after every resume. Compiled at test time with the
 * running JDK's javac.
 */
final class GuestProgram {

    static final String MAIN_TYPE = "PvScopeGuest";
    static final int BREAKPOINT_LINE = 9;

    private static final List<String> SOURCE = List.of(
            "public class PvScopeGuest {",
            "    public static void main(String[] args) throws Exception {",
            "        for (int i = 0; i < 100000; i++) {",
            "            tick(i);",
            "            Thread.sleep(20);",
            "        }",
            "    }",
            "    static int tick(int i) {",
            "        int seen = i;",
            "        return seen;",
            "    }",
            "}");

    private GuestProgram() {
    }

    /** Compiles the program with debug information into {@code folder} and returns it. */
    static Path compile(Path folder) throws IOException, InterruptedException {
        Path source = folder.resolve(MAIN_TYPE + ".java");
        Files.write(source, SOURCE, StandardCharsets.UTF_8);
        Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
        Process process = new ProcessBuilder(javac.toString(), "-g", "-d", folder.toString(), source.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("javac failed: " + output);
        }
        return folder;
    }
}
