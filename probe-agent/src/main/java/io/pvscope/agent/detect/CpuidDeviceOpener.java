package io.pvscope.agent.detect;

import io.pvscope.agent.fs.SystemRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Opens the kernel's view of CPUID for CPU 0: the cpuid device on a live system, or the captured
 * {@code cpuid -r} dump at the same path under a fake root.
 */
final class CpuidDeviceOpener {

    static final String DEVICE = "/dev/cpu/0/cpuid";

    /** modprobe is tried once per process: a failed load will not succeed on the next detection. */
    private static final AtomicBoolean MODPROBE_TRIED = new AtomicBoolean();

    private static final boolean ROOT = isRoot();

    private CpuidDeviceOpener() {
    }

    /** Opens the source, or explains in {@code evidence} why there is none. */
    static Optional<CpuidSource> open(SystemRoot root, List<Evidence> evidence) {
        Path path = root.resolve(DEVICE);
        if (!root.isLive()) {
            if (!Files.isRegularFile(path)) {
                evidence.add(Evidence.of("cpuid", DEVICE, "absent in the captured root: no CPUID view"));
                return Optional.empty();
            }
            try {
                return Optional.of(CpuidDump.load(path));
            } catch (IOException e) {
                evidence.add(Evidence.of("cpuid", DEVICE, "capture not readable: " + SystemRoot.describe(e)));
                return Optional.empty();
            }
        }
        return openDevice(path, ROOT, evidence);
    }

    /**
     * The live path: the cpuid device itself. Loading the driver is tried only as root, and a device that
     * exists but cannot be opened (the usual non-root case: it is mode 0600) is explained, not thrown.
     */
    static Optional<CpuidSource> openDevice(Path device, boolean asRoot, List<Evidence> evidence) {
        String subject = device.toString();
        if (!Files.exists(device) && asRoot) {
            tryModprobe(evidence);
        }
        if (!Files.exists(device)) {
            evidence.add(Evidence.of("cpuid", subject, asRoot ? "absent (no cpuid driver, and modprobe cpuid did "
                    + "not provide one)" : "absent (no cpuid driver: modprobe cpuid as root)"));
            return Optional.empty();
        }
        try {
            return Optional.of(KernelCpuidDevice.open(device));
        } catch (IOException e) {
            evidence.add(Evidence.of("cpuid", subject, "not readable: " + SystemRoot.describe(e)
                    + (asRoot ? "" : " (the kernel's CPUID view needs root)")));
            return Optional.empty();
        }
    }

    private static void tryModprobe(List<Evidence> evidence) {
        if (!MODPROBE_TRIED.compareAndSet(false, true)) {
            return;
        }
        try {
            Process p = new ProcessBuilder("modprobe", "cpuid").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            boolean done = p.waitFor(5, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            evidence.add(Evidence.of("cpuid", "modprobe cpuid", done ? "exit " + p.exitValue() : "timed out"));
        } catch (IOException e) {
            evidence.add(Evidence.of("cpuid", "modprobe cpuid", "could not run: " + SystemRoot.describe(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** By the effective uid (the owner of /proc/self), not the login name, which setuid or sudo can leave stale. */
    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
