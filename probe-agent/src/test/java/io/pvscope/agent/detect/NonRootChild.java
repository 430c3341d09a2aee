package io.pvscope.agent.detect;

import io.pvscope.agent.fs.SystemRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@link NonRootViewTest} in a JVM under an unprivileged uid: prints the uid it runs as, then the
 * evidence of opening a cpuid device ("device PATH") or of detecting on a captured root ("root DIR"),
 * one "source|subject|seen" line each.
 */
public final class NonRootChild {

    private NonRootChild() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("uid " + Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        List<Evidence> evidence = new ArrayList<>();
        if (args[0].equals("device")) {
            System.out.println("opened " + CpuidDeviceOpener.openDevice(Path.of(args[1]), false, evidence)
                    .isPresent());
        } else {
            DetectionReport report = new LinuxDetector(SystemRoot.of(Path.of(args[1])), Clock.systemUTC()).detect();
            System.out.println("units " + report.units().size());
            evidence.addAll(report.evidence());
            evidence.addAll(report.container().evidence());
        }
        evidence.forEach(e -> System.out.println(e.source() + "|" + e.subject() + "|" + e.seen()));
    }
}
