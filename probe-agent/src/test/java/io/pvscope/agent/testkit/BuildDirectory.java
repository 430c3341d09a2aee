package io.pvscope.agent.testkit;

import java.nio.file.Path;

/**
 * Where the agent's tests find their C helpers (src/test/c) and build them: a folder of this module's
 * target/, which "clean" removes. Surefire passes the module's directory as "basedir" and runs in it.
 */
public final class BuildDirectory {

    private BuildDirectory() {
    }

    /** {@code target/<name>} of the probe-agent module. */
    public static Path of(String name) {
        return module().resolve("target").resolve(name);
    }

    /** {@code src/test/c/<file>} of the probe-agent module. */
    public static Path source(String file) {
        return module().resolve("src/test/c").resolve(file);
    }

    private static Path module() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }
}
