package io.pvscope.agent.detect;

import java.io.PrintWriter;
import java.util.stream.Collectors;

/** The human form of a detection report: dmesg's pvbus line, one line per unit, then the evidence. */
public final class DetectionText {

    private DetectionText() {
    }

    public static void print(DetectionReport report, PrintWriter out) {
        if (report.units().isEmpty()) {
            out.println("no hypervisor interface found");
        } else {
            out.println("pvbus0 at mainbus0: " + report.units().stream()
                    .map(u -> u.name() + u.version().map(v -> " " + v).orElse(""))
                    .collect(Collectors.joining(", ")));
        }
        for (DetectedUnit unit : report.units()) {
            out.printf("/dev/pvbus%d: %s", unit.unit(), unit.name());
            if (unit.base() != 0) {
                out.printf(" signature \"%s\" base %s max leaf %s features %s", unit.signature(),
                        UnitFactory.hex(unit.base()), UnitFactory.hex(unit.maxLeaf()), UnitFactory.hex(unit.features()));
            }
            out.printf(" (found by %s)%n", unit.foundBy());
            unit.evidence().forEach(e -> printEvidence(out, "    ", e));
        }
        Platform p = report.platform();
        if (p.named()) {
            out.printf("platform: %s %s %s%s%n", p.vendor(), p.product(), p.version(), p.cloud().isEmpty() ? ""
                    : " (" + p.cloud() + (p.metal() ? ", bare metal"
                            : p.vmBit() == Platform.SmbiosVmBit.SET ? ", a virtual machine" : "") + ")");
        }
        if (!report.role().equals(GuestRole.UNSPECIFIED)) {
            out.println("role: " + roleText(report.role()));
        }
        if (report.container().detected()) {
            out.println("container: " + report.container().kind());
        }
        ConfidentialGuest confidential = report.confidential();
        if (!confidential.technology().equals(ConfidentialGuest.NONE)) {
            out.println("confidential: " + confidentialText(confidential));
        }
        out.println("evidence:");
        report.evidence().forEach(e -> printEvidence(out, "    ", e));
        report.container().evidence().forEach(e -> printEvidence(out, "    ", e));
        confidential.evidence().forEach(e -> printEvidence(out, "    ", e));
        out.flush();
    }

    /** "sev-snp (behind a Hyper-V paravisor; host-supplied values are untrusted)". */
    static String confidentialText(ConfidentialGuest guest) {
        if (!guest.detected()) {
            return guest.technology() + " (SEV is offered; whether it is active could not be read)";
        }
        return guest.technology() + " (" + (guest.paravisor() ? "behind a Hyper-V paravisor; " : "")
                + "values from the host are untrusted input)";
    }

    /** "domU pv"; a part that could not be told is shown as "?". */
    static String roleText(GuestRole role) {
        String domain = switch (role.domain()) {
            case DOM0 -> "dom0";
            case DOMU -> "domU";
            case UNSPECIFIED -> "?";
        };
        String mode = role.mode() == GuestRole.Mode.UNSPECIFIED ? "?"
                : role.mode().name().toLowerCase(java.util.Locale.ROOT);
        return domain + " " + mode;
    }

    private static void printEvidence(PrintWriter out, String indent, Evidence e) {
        out.printf("%s[%s] %s: %s%s%n", indent, e.source(), e.subject(), e.seen(), e.conflict() ? " (CONFLICT)" : "");
    }
}
