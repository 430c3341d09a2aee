package io.pvscope.agent.openbsd.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM with the pvbus shim preloaded (LD_PRELOAD must be set before a process starts), running
 * {@link PvbusShimDriver}: each {@link #ask} sends one command and returns its one-line answer.
 */
final class ShimChild implements AutoCloseable {

    private final Process process;
    private final PrintStream in;
    private final BufferedReader out;
    private final Path errors;

    private ShimChild(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** A child whose /dev/pvbus0, 1, ... are the named hypervisors ("KVM,Xen"). */
    static ShimChild start(String units) throws IOException, InterruptedException {
        Path shim = PvbusShim.library();
        Path errors = shim.resolveSibling("child-" + units.replace(',', '-') + ".log");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classpath, PvbusShimDriver.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().put("LD_PRELOAD", shim.toString());
        builder.environment().put("PVBUS_SHIM_UNITS", units);
        ShimChild child = new ShimChild(builder.start(), errors);
        String greeting = child.out.readLine();
        if (!"ready".equals(greeting)) {
            throw new IllegalStateException("the shim child did not start: " + greeting + "\n" + child.errors());
        }
        return child;
    }

    /** Sends a command (words joined by tabs) and returns the answer split on tabs. */
    String[] ask(String... words) throws IOException {
        in.println(String.join("\t", words));
        String answer = out.readLine();
        if (answer == null || answer.startsWith("crash")) {
            throw new IllegalStateException("the shim child failed on " + String.join(" ", words) + ": " + answer
                    + "\n" + errors());
        }
        return answer.split("\t", -1);
    }

    private String errors() {
        try {
            return Files.readString(errors, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        in.close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
