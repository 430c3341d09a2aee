package io.pvscope.agent.detect;

import io.pvscope.agent.detect.internal.UserModeCpuid;
import io.pvscope.agent.fs.SystemRoot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Finds units through CPUID. The kernel's view (what drivers see) defines them; on a live x86-64 system the
 * instruction is also run in user mode and its view reported beside it, flagged where the two disagree.
 * Without a kernel view (not root, no cpuid driver) the user-mode view is used, and the evidence says so.
 */
final class CpuidScanner {

    /** Made once per process: mapping the page again for every detection would only leak pages. */
    private static final Supplier<UserModeCpuid.Availability> LIVE_USER_MODE = new Supplier<>() {
        private volatile UserModeCpuid.Availability availability;

        @Override
        public UserModeCpuid.Availability get() {
            if (availability == null) {
                availability = UserModeCpuid.open();
            }
            return availability;
        }
    };

    private final SystemRoot root;
    private final Supplier<UserModeCpuid.Availability> userMode;

    CpuidScanner(SystemRoot root) {
        this(root, root.isLive() ? LIVE_USER_MODE
                : () -> UserModeCpuid.Availability.unavailable("not run on a captured root"));
    }

    /** With the user-mode view given, so the comparison can be checked against captured views. */
    CpuidScanner(SystemRoot root, Supplier<UserModeCpuid.Availability> userMode) {
        this.root = root;
        this.userMode = userMode;
    }

    /** The user-mode CPUID view, where there is one. Shared by the process: callers must not close it. */
    Optional<CpuidSource> userModeSource() {
        return userMode.get().source();
    }

    /** @param kernelSource the kernel's view as {@link CpuidDeviceOpener} opened it; the caller closes it */
    List<DetectedUnit> scan(Optional<CpuidSource> kernelSource, List<Evidence> evidence) {
        Optional<View> kernel = kernelSource.flatMap(source -> read(source, evidence));
        kernel.ifPresent(k -> evidence.add(hypervisorBit("cpuid", k)));
        Optional<View> user = userModeView(evidence);
        if (kernel.isPresent() && user.isPresent()) {
            compare(kernel.get(), user.get(), evidence);
        }
        Optional<View> defining = kernel.isPresent() ? kernel : user;
        if (defining.isEmpty()) {
            return List.of();
        }
        if (kernel.isEmpty()) {
            evidence.add(Evidence.of("cpuid-user", "units", "no kernel CPUID view: units come from user-mode CPUID"));
        }
        View view = defining.get();
        if (view.windows().isEmpty()) {
            evidence.add(Evidence.of(view.kind(), "leaves 0x40000000-0x4000ff00",
                    "no hypervisor signature (" + view.description() + ")"));
        }
        return units(view, evidence);
    }

    private static List<DetectedUnit> units(View view, List<Evidence> evidence) {
        WindowCombinations.explain(view.windows(), view.kind(), evidence);
        List<DetectedUnit> units = new ArrayList<>();
        for (HypervisorWindow window : view.windows()) {
            DetectedUnit unit = UnitFactory.fromWindow(window, view.kind(), view.description());
            boolean duplicate = !unit.name().equals("unknown")
                    && units.stream().anyMatch(u -> u.name().equals(unit.name()));
            if (duplicate) {
                evidence.add(Evidence.of(view.kind(), "leaf " + UnitFactory.hex(window.base()),
                        "second " + unit.name() + " window; pvbus keeps one unit per hypervisor"));
            } else {
                units.add(unit);
            }
        }
        return units;
    }

    private static Optional<View> read(CpuidSource source, List<Evidence> evidence) {
        try {
            return Optional.of(new View("cpuid", source.description(), source.read(1),
                    HypervisorWindowScan.scan(source)));
        } catch (IOException e) {
            evidence.add(Evidence.of("cpuid", source.description(), "read failed: " + SystemRoot.describe(e)));
            return Optional.empty();
        }
    }

    private Optional<View> userModeView(List<Evidence> evidence) {
        UserModeCpuid.Availability availability = userMode.get();
        if (availability.source().isEmpty()) {
            if (root.isLive()) {
                evidence.add(Evidence.of("cpuid-user", "CPUID instruction", "not run: " + availability.reason()));
            }
            return Optional.empty();
        }
        CpuidSource source = availability.source().get();
        try {
            View view = new View("cpuid-user", source.description(), source.read(1),
                    HypervisorWindowScan.scan(source));
            evidence.add(hypervisorBit("cpuid-user", view));
            return Optional.of(view);
        } catch (IOException e) {
            evidence.add(Evidence.of("cpuid-user", "CPUID instruction", "failed: " + SystemRoot.describe(e)));
            return Optional.empty();
        }
    }

    private static Evidence hypervisorBit(String kind, View view) {
        boolean set = (view.leaf1().ecx() & (1 << 31)) != 0;
        return Evidence.of(kind, "leaf 0x00000001 ECX bit 31", set ? "set: running under a hypervisor" : "clear");
    }

    /** One line for the user-mode view, plus one flagged line per window where the views disagree. */
    private static void compare(View kernel, View user, List<Evidence> evidence) {
        boolean agree = kernel.signatures().equals(user.signatures());
        evidence.add(new Evidence("cpuid-user", "leaves 0x40000000-0x4000ff00",
                "user-mode view: " + user.summary() + (agree ? " (same as the kernel's)"
                        : "; the kernel's view: " + kernel.summary()), !agree));
        int windows = Math.max(kernel.windows().size(), user.windows().size());
        for (int i = 0; i < windows; i++) {
            String k = i < kernel.windows().size() ? quoted(kernel.windows().get(i)) : "nothing";
            String u = i < user.windows().size() ? quoted(user.windows().get(i)) : "nothing";
            if (!k.equals(u)) {
                evidence.add(new Evidence("cpuid-user", "leaf " + UnitFactory.hex(HypervisorWindowScan.START
                        + i * HypervisorWindowScan.STEP), "kernel sees " + k + ", user mode sees " + u, true));
            }
        }
    }

    private static String quoted(HypervisorWindow window) {
        return "\"" + window.signature() + "\"";
    }

    private record View(String kind, String description, CpuidRegisters leaf1, List<HypervisorWindow> windows) {

        List<String> signatures() {
            return windows.stream().map(HypervisorWindow::signature).toList();
        }

        String summary() {
            return windows.isEmpty() ? "no signature" : windows.stream()
                    .map(w -> quoted(w) + " at " + UnitFactory.hex(w.base()))
                    .collect(Collectors.joining(", "));
        }
    }
}
