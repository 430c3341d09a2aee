package io.pvscope.testsupport.guest;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Linux guest under QEMU (software emulation, TCG) running Debian's stock kernel from /boot, for what
 * this machine's own kernel cannot show: another kernel's sysfs, the guest frozen whole (QMP {@code stop},
 * as a debugger's breakpoint freezes it) and resumed.
 *
 * <p>The guest's root is this machine's root, shared read-only over virtio-9p, so it runs the same Java;
 * tmpfs covers /tmp, /run and /root there, and the work directory is shared read-write at its own path
 * (mounted after the tmpfs, so it may itself lie under /tmp). The command's standard output and error go
 * to {@code stdout} and {@code stderr} in the work directory, its exit code to {@code exit-code}; the guest
 * powers off when the command ends. The guest is 10.0.2.15 behind QEMU's user-mode network; a forward
 * makes a loopback port of this machine reach a guest port.
 *
 * <p>Needs (Debian): qemu-system-x86, linux-image-amd64, busybox-static, cpio, kmod.
 */
public final class QemuGuest implements AutoCloseable {

    /** The kernel modules the initramfs loads before it can mount the shared root and bring up the network. */
    private static final List<String> BOOT_MODULES = List.of("virtio_pci", "9pnet_virtio", "9p", "virtio_net");

    private final Path workDir;
    private final Process qemu;

    private QemuGuest(Path workDir, Process qemu) {
        this.workDir = workDir;
        this.qemu = qemu;
    }

    /** A host port free a moment ago, for a forward into the guest ("PORT:7393"). */
    public static int freeHostPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * The Java the guest runs a jar with: this machine's, which the guest sees through the shared root (the
     * system's when there is one, else the one running this code).
     */
    public static String hostJava() {
        return Files.isExecutable(Path.of("/usr/bin/java")) ? "/usr/bin/java"
                : Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Why no guest can be booted here, or empty when one can. */
    public static Optional<String> unavailableReason() {
        if (onPath("qemu-system-x86_64").isEmpty()) {
            return Optional.of("qemu-system-x86_64 is not installed (Debian: qemu-system-x86)");
        }
        if (newestKernel().isEmpty()) {
            return Optional.of("no kernel in /boot (Debian: linux-image-amd64)");
        }
        if (!Files.isRegularFile(Path.of("/usr/share/doc/busybox-static/copyright"))) {
            return Optional.of("no statically linked busybox for the initramfs (Debian: busybox-static)");
        }
        if (onPath("cpio").isEmpty() || onPath("modprobe").isEmpty()) {
            return Optional.of("cpio or modprobe is missing (Debian: cpio, kmod)");
        }
        return Optional.empty();
    }

    /** Boots the guest in the background; the command starts once the guest's root and network are up. */
    public static QemuGuest start(Path workDir, List<String> forwards, List<String> command) throws IOException {
        return start(workDir, forwards, command, List.of());
    }

    /**
     * As {@link #start(Path, List, List)}, with more QEMU arguments (devices to add: {@code -device
     * virtio-scsi-pci}...). Besides them the guest has virtio network, entropy, balloon and two 9P shares.
     */
    public static QemuGuest start(Path workDir, List<String> forwards, List<String> command, List<String> qemuArgs)
            throws IOException {
        workDir = workDir.toAbsolutePath().normalize();
        if (workDir.toString().matches(".*[\\s,'\"].*")) {
            throw new IllegalArgumentException("the guest's work directory must not hold spaces, commas or quotes: "
                    + workDir);
        }
        Files.createDirectories(workDir);
        for (String stale : List.of("exit-code", "stdout", "stderr", "console.log", "qmp.sock")) {
            Files.deleteIfExists(workDir.resolve(stale));
        }
        for (Path report : fatalErrorReports(workDir)) {
            Files.delete(report);
        }
        Path kernel = newestKernel().orElseThrow(() -> new IOException("no kernel in /boot"));
        Path initrd = Initramfs.build(workDir, kernel, BOOT_MODULES, init(workDir, command));

        StringBuilder network = new StringBuilder("user,id=net0");
        for (String forward : forwards) {
            String[] ports = forward.split(":");
            network.append(",hostfwd=tcp:127.0.0.1:").append(ports[0]).append("-10.0.2.15:").append(ports[1]);
        }
        // One host thread runs both vCPUs in turn. With a thread per vCPU, a guest JVM now and then died in code
        // its JIT had just compiled or patched (SIGILL or SIGSEGV a few bytes into a method, about one start in
        // ten): HotSpot patches the entry of a method that another CPU may be running with aligned stores,
        // which x86 hardware fetches whole, while multi-threaded TCG can translate the bytes half-written.
        List<String> args = new ArrayList<>(List.of("qemu-system-x86_64", "-accel", "tcg,thread=single",
                "-cpu", "qemu64",
                "-m", "1024", "-smp", "2", "-no-reboot", "-display", "none", "-nodefaults",
                "-kernel", kernel.toString(), "-initrd", initrd.toString(),
                "-append", "console=ttyS0 quiet panic=-1",
                // The root spans several file systems (tmpfs, /proc...): without remapping, files on two of them
                // can share an inode number, and the guest's page cache then serves one file's pages for the
                // other; a guest JVM mapping its libraries and class archive this way crashed in compiled code.
                "-virtfs", "local,path=/,mount_tag=hostroot,security_model=passthrough,readonly=on,multidevs=remap",
                "-virtfs", "local,path=" + workDir + ",mount_tag=work,security_model=passthrough",
                "-netdev", network.toString(), "-device", "virtio-net-pci,netdev=net0,romfile=",
                "-device", "virtio-rng-pci", "-device", "virtio-balloon-pci",
                "-qmp", "unix:" + workDir.resolve("qmp.sock") + ",server=on,wait=off",
                "-serial", "file:" + workDir.resolve("console.log")));
        args.addAll(qemuArgs);
        Process qemu = new ProcessBuilder(args)
                .redirectOutput(workDir.resolve("qemu.log").toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        return new QemuGuest(workDir, qemu);
    }

    /** Whether a server in the guest answers yet; called again until it does or the wait ends. */
    @FunctionalInterface
    public interface AnswerCheck {
        boolean answers() throws Exception;
    }

    /**
     * Boots a guest whose command is a server and waits until {@code check} says it answers (a JVM starts
     * slowly under emulation). A guest whose JVM crashed under emulation (see {@link #jvmCrashed()}) is booted
     * once more; otherwise a server that does not answer within {@code wait} fails with the guest's console.
     */
    public static QemuGuest startServer(Path workDir, List<String> forwards, List<String> command, Duration wait,
            AnswerCheck check) throws Exception {
        for (int attempt = 1; ; attempt++) {
            QemuGuest guest = start(workDir, forwards, command);
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline && !guest.jvmCrashed()) {
                if (check.answers()) {
                    return guest;
                }
                Thread.sleep(500);
            }
            boolean crashed = guest.jvmCrashed();
            String console = guest.console() + "\nstdout:\n" + guest.stdout() + "\nstderr:\n" + guest.stderr();
            guest.close();
            if (!crashed || attempt == 2) {
                throw new IOException("the server in the guest never answered; console:\n" + console);
            }
            System.err.println("QemuGuest: the guest's JVM crashed under emulation; booting again. Its console:\n"
                    + console);
        }
    }

    public Path workDir() {
        return workDir;
    }

    /** Waits for the guest to power off; the command's exit code, or empty when it did not end in time. */
    public Optional<Integer> awaitExit(long timeout, TimeUnit unit) throws IOException, InterruptedException {
        if (!qemu.waitFor(timeout, unit)) {
            return Optional.empty();
        }
        Path exitCode = workDir.resolve("exit-code");
        if (!Files.exists(exitCode)) {
            throw new IOException("the guest ended without running its command; console:\n" + console());
        }
        return Optional.of(Integer.parseInt(Files.readString(exitCode).trim()));
    }

    public String stdout() throws IOException {
        return readIfPresent(workDir.resolve("stdout"));
    }

    public String stderr() throws IOException {
        return readIfPresent(workDir.resolve("stderr"));
    }

    /**
     * The guest's serial console (the kernel's messages and the initramfs's own), then the summary of each
     * fatal error report a JVM in the guest left in the work directory (its working directory there).
     */
    public String console() throws IOException {
        return readIfPresent(workDir.resolve("console.log")) + readIfPresent(workDir.resolve("qemu.log"))
                + fatalErrorSummaries(workDir);
    }

    /** Each fatal error report's name and summary, for a failure message. */
    static String fatalErrorSummaries(Path workDir) throws IOException {
        StringBuilder summaries = new StringBuilder();
        for (Path report : fatalErrorReports(workDir)) {
            summaries.append("\n").append(report.getFileName()).append(":\n").append(reportSummary(report));
        }
        return summaries.toString();
    }

    private static List<Path> fatalErrorReports(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("hs_err_pid\\d+\\.log")).sorted()
                    .collect(Collectors.toList());
        }
    }

    /**
     * A fatal error report's header, the crashing thread, its innermost frames and the signal: what tells one
     * crash from another.
     */
    private static String reportSummary(Path report) throws IOException {
        StringBuilder summary = new StringBuilder();
        boolean inHeader = true;
        int framesLeft = 0;
        for (String line : Files.readAllLines(report, StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("Registers:")) {
                break;
            }
            if (line.startsWith("Native frames:")) {
                inHeader = false;
                framesLeft = SUMMARY_FRAMES + 1;
            }
            boolean header = inHeader && !line.isBlank() && !line.startsWith("Command Line:");
            if (header || framesLeft-- > 0 || line.startsWith("siginfo:")) {
                summary.append(line).append('\n');
            }
        }
        return summary.toString();
    }

    private static final int SUMMARY_FRAMES = 8;

    /**
     * True when a JVM in the guest died with a fatal error report on the command's output. Under QEMU's
     * multi-threaded software emulation a JVM now and then died in code its JIT had just compiled (in JDK and
     * library methods, never the agent's; see the accelerator's setting in {@link #start}). Should it happen
     * still, tests boot again once rather than fail on the emulator's account.
     */
    public boolean jvmCrashed() throws IOException {
        return (stdout() + stderr()).contains(JVM_CRASH);
    }

    /**
     * As {@link #jvmCrashed()}, also looking in files the command redirected the JVM's output to (its fatal
     * error report goes to its stdout), and taking an abort of the command (exit 134, SIGABRT: how the JVM
     * ends after that report) for a crash too.
     */
    public boolean jvmCrashed(Optional<Integer> exit, Path... redirected) throws IOException {
        if (jvmCrashed() || exit.orElse(0) == 134) {
            return true;
        }
        for (Path file : redirected) {
            if (readIfPresent(file).contains(JVM_CRASH)) {
                return true;
            }
        }
        return false;
    }

    public static final String JVM_CRASH = "A fatal error has been detected by the Java Runtime Environment";

    /** Sends one QMP command ("stop", "cont", "query-status"…) and returns QEMU's answer. */
    public String qmp(String command) throws IOException {
        return Qmp.execute(workDir.resolve("qmp.sock"), command);
    }

    /** Ends the guest at once, wherever it is. */
    @Override
    public void close() throws InterruptedException {
        qemu.destroy();
        if (!qemu.waitFor(10, TimeUnit.SECONDS)) {
            qemu.destroyForcibly().waitFor();
        }
    }

    /** The initramfs's init: mount the shared root, run the command there, power off. */
    private static String init(Path workDir, List<String> command) {
        String work = workDir.toString();
        String quoted = command.stream().map(QemuGuest::shellQuote).collect(Collectors.joining(" "));
        return String.join("\n",
                "#!/bin/busybox sh",
                "/bin/busybox --install -s /bin",
                "mount -t proc proc /proc; mount -t sysfs sysfs /sys; mount -t devtmpfs devtmpfs /dev",
                "while read -r module; do insmod /modules/$module; done < /modules/order",
                "share='trans=virtio,version=9p2000.L,msize=262144'",
                "mount -t 9p -o $share hostroot /newroot || { echo 'guest: cannot mount the shared root'; poweroff -f; }",
                "mount -t proc proc /newroot/proc; mount -t sysfs sysfs /newroot/sys",
                "mount -t devtmpfs devtmpfs /newroot/dev",
                "for dir in tmp run root; do mount -t tmpfs tmpfs /newroot/$dir; done",
                "mkdir -p /newroot" + work + " && mount -t 9p -o $share work /newroot" + work,
                "ip link set lo up; ip link set eth0 up",
                "ip addr add 10.0.2.15/24 dev eth0; ip route add default via 10.0.2.2",
                "echo 'guest: running the command'",
                "chroot /newroot /bin/sh -c " + shellQuote("cd " + shellQuote(work) + " && exec " + quoted)
                        + " > /newroot" + work + "/stdout 2> /newroot" + work + "/stderr < /dev/null",
                "echo $? > /newroot" + work + "/exit-code",
                "sync",
                "poweroff -f",
                "");
    }

    static String shellQuote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static Optional<Path> newestKernel() {
        try (Stream<Path> boot = Files.list(Path.of("/boot"))) {
            return boot.filter(p -> p.getFileName().toString().startsWith("vmlinuz-"))
                    .max(Comparator.comparing(p -> p.getFileName().toString(), QemuGuest::versionOrder));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** 6.1.0-9 before 6.1.0-57: runs of digits compare as numbers. */
    static int versionOrder(String a, String b) {
        String[] left = a.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        String[] right = b.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            boolean numbers = Character.isDigit(left[i].charAt(0)) && Character.isDigit(right[i].charAt(0));
            int order = numbers ? new java.math.BigInteger(left[i]).compareTo(new java.math.BigInteger(right[i]))
                    : left[i].compareTo(right[i]);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.length, right.length);
    }

    static Optional<Path> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String readIfPresent(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
