package io.pvscope.agent.detect;

import io.pvscope.agent.fs.SystemRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Looks for the marks container runtimes leave: they change what the guest's files mean. */
final class ContainerMarkers {

    private final SystemRoot root;

    ContainerMarkers(SystemRoot root) {
        this.root = root;
    }

    ContainerInfo detect() {
        List<Evidence> evidence = new ArrayList<>();
        String kind = "";
        if (root.exists("/.dockerenv")) {
            evidence.add(Evidence.of("container", "/.dockerenv", "present"));
            kind = "docker";
        }
        if (root.exists("/run/.containerenv")) {
            evidence.add(Evidence.of("container", "/run/.containerenv", "present" + containerenvDetails()));
            kind = kind.isEmpty() ? "podman" : kind;
        }
        SystemRoot.TextFile environ = root.read("/proc/1/environ");
        Optional<String> fromInit = environ.text().flatMap(ContainerMarkers::containerVariable);
        if (fromInit.isPresent()) {
            evidence.add(Evidence.of("container", environ.path(), "container=" + fromInit.get()));
            kind = fromInit.get();
        } else if (environ.text().isEmpty() && !environ.failure().equals("absent")) {
            evidence.add(Evidence.of("container", environ.path(), environ.failure()));
        }
        return new ContainerInfo(!kind.isEmpty(), kind, evidence);
    }

    /** Podman writes its engine and whether it runs rootless: both limit what the guest's devices show. */
    private String containerenvDetails() {
        List<String> details = root.read("/run/.containerenv").text().stream()
                .flatMap(String::lines)
                .filter(line -> line.startsWith("engine=") || line.equals("rootless=1"))
                .map(line -> line.equals("rootless=1") ? "rootless" : line.substring("engine=".length())
                        .replace("\"", ""))
                .toList();
        return details.isEmpty() ? "" : ": " + String.join(", ", details);
    }

    private static Optional<String> containerVariable(String environ) {
        for (String entry : environ.split("\0")) {
            if (entry.startsWith("container=")) {
                return Optional.of(entry.substring("container=".length()));
            }
        }
        return Optional.empty();
    }
}
