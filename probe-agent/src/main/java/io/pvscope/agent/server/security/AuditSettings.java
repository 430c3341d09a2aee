package io.pvscope.agent.server.security;

import java.nio.file.Path;
import java.util.Optional;

/** Where audit lines go besides stderr: a file rotated when it reaches maxBytes, keeping `keep` old ones. */
public record AuditSettings(Optional<Path> file, long maxBytes, int keep) {

    public static final AuditSettings STDERR_ONLY = new AuditSettings(Optional.empty(), 10L << 20, 5);
}
