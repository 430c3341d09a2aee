package io.pvscope.agent.detect;

import io.pvscope.agent.fs.SystemRoot;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;

/** The captured and hand-written guest roots under src/test/resources/roots. */
public final class FakeRoots {

    private FakeRoots() {
    }

    public static Path path(String name) {
        try {
            return Path.of(FakeRoots.class.getResource("/roots/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SystemRoot root(String name) {
        return SystemRoot.of(path(name));
    }

    /** A writable copy of the named root at {@code target}, for a test that changes files in it. */
    public static Path copy(String name, Path target) throws IOException {
        Path source = path(name);
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy);
                }
            }
        }
        return target;
    }

    /** Linux detection on the named root. */
    public static DetectionReport detect(String name) {
        return new LinuxDetector(root(name), Clock.systemUTC()).detect();
    }
}
