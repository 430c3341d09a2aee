package io.pvscope.core;

import java.io.IOException;
import java.util.Optional;

import org.eclipse.equinox.security.storage.EncodingUtils;
import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;

/** Tokens in Eclipse secure storage, encrypted, one node per target address. */
public final class SecureStorageSecrets implements SecretStore {

    private static final String TOKEN = "token";

    private final ISecurePreferences root;

    /** @param root the node this store owns, e.g. a child of {@link SecurePreferencesFactory#getDefault()} */
    public SecureStorageSecrets(ISecurePreferences root) {
        this.root = root;
    }

    /** The store under the default secure storage, in a node of PvScope's own. */
    public static SecureStorageSecrets ofDefault() {
        return new SecureStorageSecrets(SecurePreferencesFactory.getDefault().node("io.pvscope/targets"));
    }

    @Override
    public Optional<String> token(Target target) {
        String key = key(target);
        if (!root.nodeExists(key)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(root.node(key).get(TOKEN, null)).filter(token -> !token.isEmpty());
        } catch (StorageException e) {
            throw new IllegalStateException("could not read the token of " + target.address() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void setToken(Target target, String token) {
        try {
            root.node(key(target)).put(TOKEN, token, true);
            root.flush();
        } catch (StorageException | IOException e) {
            throw new IllegalStateException("could not store the token of " + target.address() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void removeToken(Target target) {
        String key = key(target);
        if (root.nodeExists(key)) {
            root.node(key).removeNode();
            try {
                root.flush();
            } catch (IOException e) {
                throw new IllegalStateException("could not remove the token of " + target.address(), e);
            }
        }
    }

    /** Node names may not contain '/'; IPv6 literals and host names never do, but encode to be sure. */
    private static String key(Target target) {
        return EncodingUtils.encodeSlashes(target.address().toLowerCase(java.util.Locale.ROOT));
    }
}
