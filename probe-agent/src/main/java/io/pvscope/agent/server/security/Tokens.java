package io.pvscope.agent.server.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/** Bearer tokens: read from files that only their owner may read, kept only as SHA-256 digests. */
public final class Tokens {

    /** Shorter tokens can be guessed; 32 random bytes in hex or base64 are what the docs suggest. */
    static final int MIN_LENGTH = 16;

    private Tokens() {
    }

    /** The digest of the token in the file (its first line, without surrounding blanks). */
    public static byte[] digestOfFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": not a regular file");
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.contains(PosixFilePermission.OTHERS_READ) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new IOException(file + ": other users may read or change this token; chmod o-rw it");
            }
        } catch (UnsupportedOperationException e) {
            // No POSIX modes here (not Linux or BSD): nothing to check.
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        int newline = text.indexOf('\n');
        String token = newline < 0 ? text : text.substring(0, newline).strip();
        if (token.length() < MIN_LENGTH) {
            throw new IOException(file + ": a token needs at least " + MIN_LENGTH + " characters (e.g. openssl"
                    + " rand -hex 32)");
        }
        return digest(token);
    }

    public static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
