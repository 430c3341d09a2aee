package io.pvscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.pvscope.agent.ChildJvm;
import io.pvscope.testsupport.files.FileTrees;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an unprivileged agent sees. Root reads any file, so the files that deny reading are real ones
 * (owned by root, mode 0600 or 0400) and the detection runs in a child JVM under uid 65534 through
 * setpriv(1); without root or setpriv the test is skipped.
 */
class NonRootViewTest {

    private static final String NOBODY = "65534";

    @BeforeAll
    static void needsRootAndSetpriv() throws IOException {
        assumeThat(Files.getAttribute(Path.of("/proc/self"), "unix:uid")).isEqualTo(0);
        assumeThat(Stream.of("/usr/bin/setpriv", "/bin/setpriv").anyMatch(p -> Files.isExecutable(Path.of(p))))
                .isTrue();
    }

    @Test
    void cpuidDeviceThatDeniesTheUserIsExplainedNotThrown(@TempDir Path dir) throws Exception {
        Path device = readableDirectory(dir).resolve("cpuid");
        try (FileChannel channel = FileChannel.open(device, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(0x40000001).putInt(0x4b4d564b).putInt(0x564b4d56).putInt(0x4d).flip(), 0x40000000L);
        }
        Files.setPosixFilePermissions(device, PosixFilePermissions.fromString("rw-------"));

        List<String> lines = runAsNobody("device", device.toString());

        assertThat(lines).containsExactly("uid " + NOBODY, "opened false",
                "cpuid|" + device + "|not readable: permission denied (the kernel's CPUID view needs root)");
    }

    @Test
    void capturedRootWithUnreadableFilesDegradesToEvidence(@TempDir Path dir) throws Exception {
        Path root = readableDirectory(dir).resolve("guest");
        FakeRoots.copy("kvm", root);
        Files.setPosixFilePermissions(root.resolve("dev/cpu/0/cpuid"), PosixFilePermissions.fromString("rw-------"));
        Path environ = Files.createDirectories(root.resolve("proc/1")).resolve("environ");
        Files.writeString(environ, "container=podman\0");
        Files.setPosixFilePermissions(environ, PosixFilePermissions.fromString("r--------"));

        List<String> lines = runAsNobody("root", root.toString());

        assertThat(lines).startsWith("uid " + NOBODY, "units 0").contains(
                "cpuinfo|/proc/cpuinfo|hypervisor flag set",
                "cpuid|/dev/cpu/0/cpuid|capture not readable: permission denied",
                "dmi|/sys/class/dmi/id/|platform: QEMU Standard PC (i440FX + PIIX, 1996)",
                "container|/proc/1/environ|not readable: permission denied");
    }

    @Test
    void theMissingDeviceLoadsTheDriverOnlyOnceAndOnlyAsRoot(@TempDir Path dir) {
        Path missing = dir.resolve("no-cpuid");
        List<Evidence> asUser = new ArrayList<>();
        CpuidDeviceOpener.openDevice(missing, false, asUser);
        List<Evidence> first = new ArrayList<>();
        CpuidDeviceOpener.openDevice(missing, true, first);
        List<Evidence> second = new ArrayList<>();
        CpuidDeviceOpener.openDevice(missing, true, second);

        assertThat(asUser).extracting(Evidence::seen).containsExactly("absent (no cpuid driver: modprobe cpuid as root)");
        assertThat(first.size() + second.size()).isLessThanOrEqualTo(3);
        assertThat(second).extracting(Evidence::seen)
                .containsExactly("absent (no cpuid driver, and modprobe cpuid did not provide one)");
    }

    /** JUnit's temporary directories are private to root; the child must be able to enter this one. */
    private static Path readableDirectory(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    /**
     * The child sees only the agent's and the tests' classes: all detection needs on a captured root. They
     * are copied where the unprivileged user can read them, since the build tree may sit below a directory
     * only root may enter.
     */
    private static List<String> runAsNobody(String... args) throws Exception {
        Path classes = FakeRoots.path("kvm").getParent().getParent();
        Path mainClasses = classes.resolveSibling("classes");
        Path readable = Files.createTempDirectory("pvscope-nonroot-classes");
        try {
            return runAsNobody(readableCopy(mainClasses, readable.resolve("classes")),
                    readableCopy(classes, readable.resolve("test-classes")), args);
        } finally {
            FileTrees.delete(readable);
        }
    }

    private static List<String> runAsNobody(Path mainClasses, Path classes, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", "--", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", ChildJvm.NO_PERF_DATA, "-cp", mainClasses + ":" + classes,
                NonRootChild.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }

    /** Copies a tree, directories rwxr-xr-x and files rw-r--r--, with every parent up to /tmp enterable. */
    private static Path readableCopy(Path from, Path to) throws IOException {
        Files.setPosixFilePermissions(to.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(file, target);
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
        return to;
    }
}
