package io.pvscope.bench.proc;

import io.pvscope.bench.BenchEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The package's launchers (packaging/deb/pvscope and hostctl) on the built jar, with the class-data archives
 * and JNA library that the package's make-class-archives makes, as its postinst does, into a directory of
 * this run. Commands run through {@code env} so that the launchers find that directory and this harness's
 * java first on PATH.
 */
public final class ShippedLauncher {

    private static final Pattern SMALL_GUEST = Pattern.compile("small_guest=\"([^\"]*)\"");

    private final Path packaging;
    private final List<String> environment;
    private final Path dir;

    private ShippedLauncher(Path packaging, List<String> environment, Path dir) {
        this.packaging = packaging;
        this.environment = environment;
        this.dir = dir;
    }

    /** Installs archives and library for this run's java and jar, as the postinst does. */
    public static ShippedLauncher prepare(BenchEnv env, String name) throws IOException, InterruptedException {
        Path packaging = env.agentJar().toAbsolutePath().getParent().getParent().getParent()
                .resolve("packaging").resolve("deb");
        Path dir = env.work(name);
        List<String> environment = List.of("env",
                "PATH=" + env.javaBin().getParent() + ":" + System.getenv("PATH"),
                "PVSCOPE_AGENT_JAR=" + env.agentJar().toAbsolutePath(),
                "PVSCOPE_LIB_DIR=" + dir.resolve("lib"),
                "PVSCOPE_CACHE_DIR=" + dir.resolve("cache"),
                "PVSCOPE_BIN_DIR=" + packaging);
        ShippedLauncher launcher = new ShippedLauncher(packaging, environment, dir);
        List<String> make = new ArrayList<>(environment);
        make.add(packaging.resolve("make-class-archives").toString());
        LoggedRun.toEnd("make-class-archives", make, env.log(name + "-make-class-archives"), Duration.ofMinutes(5));
        return launcher;
    }

    /** {@code pvscope ARGS} through the shipped launcher. */
    public List<String> pvscope(List<String> args) {
        return command("pvscope", args);
    }

    /** {@code hostctl ARGS} through the shipped launcher. */
    public List<String> hostctl(List<String> args) {
        return command("hostctl", args);
    }

    private List<String> command(String launcher, List<String> args) {
        List<String> command = new ArrayList<>(environment);
        command.add(packaging.resolve(launcher).toString());
        command.addAll(args);
        return command;
    }

    /** The archive a launcher maps for a command (serve.jsa, detect.jsa, hostctl.jsa). */
    public Path archive(String name) {
        return dir.resolve("cache").resolve(name + ".jsa");
    }

    /**
     * Where the launchers have gRPC's netty look for its native libraries (installed by make-class-archives):
     * a bare server given the same loads them from there as well instead of unpacking them at every start.
     */
    public String nettyLibraryPath() {
        return "-Djava.library.path=" + dir.resolve("lib").resolve("netty");
    }

    /** The JVM flags the launchers pass, read from packaging/deb/pvscope: the baselines get the same. */
    public List<String> flags() throws IOException {
        Matcher flags = SMALL_GUEST.matcher(Files.readString(packaging.resolve("pvscope")));
        if (!flags.find()) {
            throw new IOException(packaging.resolve("pvscope") + " sets no small_guest flags");
        }
        return Arrays.stream(flags.group(1).trim().split("\\s+")).toList();
    }
}
