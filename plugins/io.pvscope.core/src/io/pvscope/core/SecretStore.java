package io.pvscope.core;

import java.util.Optional;

/**
 * Keeps the secrets of targets (their bearer tokens) apart from the plain preferences the target list is
 * saved in. Secrets are found by the target's address, so renaming a target keeps its token.
 */
public interface SecretStore {

    /** Stores nothing: for targets without tokens. */
    SecretStore NONE = new SecretStore() {
        @Override
        public Optional<String> token(Target target) {
            return Optional.empty();
        }

        @Override
        public void setToken(Target target, String token) {
            throw new UnsupportedOperationException("this store keeps no secrets");
        }

        @Override
        public void removeToken(Target target) {
        }
    };

    Optional<String> token(Target target);

    /** Stores {@code token} for the target's address, replacing any earlier one. */
    void setToken(Target target, String token);

    void removeToken(Target target);
}
