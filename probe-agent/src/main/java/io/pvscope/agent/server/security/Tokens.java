package io.pvscope.agent.server.security;

import io.pvscope.agent.fs.FileOwners;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/** Bearer tokens: read from files that only their owner may read, kept only as SHA-256 digests. */
public final class Tokens {

    /** Shorter tokens can be guessed; 32 random bytes in hex or base64 are what the docs suggest. */
    static final int MIN_LENGTH = 16;
    /** "aaaaaaaaaaaaaaaa" is long enough and still guessable; 32 random hex digits have 8 different ones or more. */
    static final int MIN_DISTINCT = 8;
    private static final Set<PosixFilePermission> OWNER_BITS = Set.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private Tokens() {
    }

    /**
     * The digest of the token in the file (its first line, without surrounding blanks). The file must be
     * the agent's own and readable by it alone (as ssh treats a private key): anyone else who may read it
     * holds the token, anyone who may write it chooses it. A token too short or made of too few different
     * characters is refused as guessable.
     */
    public static byte[] digestOfFile(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + ": not a regular file");
        }
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (mode.stream().anyMatch(bit -> !OWNER_BITS.contains(bit))) {
                throw new IOException(file + ": other users may read or change this token (mode "
                        + PosixFilePermissions.toString(mode) + "); chmod 600 it");
            }
            FileOwners.requireOurs(file, "token file");
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
        if (token.chars().distinct().count() < MIN_DISTINCT) {
            throw new IOException(file + ": the token has fewer than " + MIN_DISTINCT + " different characters"
                    + " and is easy to guess; make a random one (e.g. openssl rand -hex 32)");
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
