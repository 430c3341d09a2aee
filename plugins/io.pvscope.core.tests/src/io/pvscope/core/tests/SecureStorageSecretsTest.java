package io.pvscope.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pvscope.core.SecureStorageSecrets;
import io.pvscope.core.Target;

/** Tokens in a secure-storage file of the test's own, opened with a fixed password instead of a prompt. */
class SecureStorageSecretsTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void aTokenIsKeptEncryptedPerAddressAndCanBeRemoved() throws Exception {
        Path file = dir.resolve("secure_storage");
        SecureStorageSecrets secrets = new SecureStorageSecrets(open(file).node("io.pvscope/targets"));
        Target target = new Target("lab", "10.0.0.7", 7393);

        secrets.setToken(target, TOKEN);

        assertEquals(Optional.of(TOKEN), secrets.token(new Target("renamed", "10.0.0.7", 7393)));
        assertEquals(Optional.empty(), secrets.token(new Target(null, "10.0.0.7", 7394)));
        assertFalse(Files.readString(file, StandardCharsets.ISO_8859_1).contains(TOKEN),
                "the file holds the token encrypted");
        assertEquals(Optional.of(TOKEN), new SecureStorageSecrets(open(file).node("io.pvscope/targets"))
                .token(target), "read back from the file");

        secrets.removeToken(target);

        assertEquals(Optional.empty(), secrets.token(target));
    }

    private static ISecurePreferences open(Path file) throws Exception {
        Map<Object, Object> options = new HashMap<>();
        options.put(IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec("test-password".toCharArray()));
        options.put(IProviderHints.PROMPT_USER, Boolean.FALSE);
        return SecurePreferencesFactory.open(file.toUri().toURL(), options);
    }
}
