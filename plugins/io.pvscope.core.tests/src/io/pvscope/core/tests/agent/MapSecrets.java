package io.pvscope.core.tests.agent;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.pvscope.core.SecretStore;
import io.pvscope.core.Target;

/** Tokens in memory, for tests that are about the channel rather than where the token is kept. */
public final class MapSecrets implements SecretStore {

    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    @Override
    public Optional<String> token(Target target) {
        return Optional.ofNullable(tokens.get(target.address()));
    }

    @Override
    public void setToken(Target target, String token) {
        tokens.put(target.address(), token);
    }

    @Override
    public void removeToken(Target target) {
        tokens.remove(target.address());
    }
}
