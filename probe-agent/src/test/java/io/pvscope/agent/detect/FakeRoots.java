package io.pvscope.agent.detect;

import io.pvscope.agent.fs.SystemRoot;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;

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

    /** Linux detection on the named root. */
    public static DetectionReport detect(String name) {
        return new LinuxDetector(root(name), Clock.systemUTC()).detect();
    }
}
