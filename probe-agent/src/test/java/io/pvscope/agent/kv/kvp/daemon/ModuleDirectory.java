package io.pvscope.agent.kv.kvp.daemon;

import java.nio.file.Path;

/** The probe-agent module's directory: Surefire passes it as "basedir" and also runs in it. */
final class ModuleDirectory {

    private ModuleDirectory() {
    }

    static Path get() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    }
}
