package io.pvscope.agent.server;

import io.pvscope.agent.kv.StoreInfo;
import java.util.List;

/**
 * Where local callers may write when no configuration file says otherwise (serve's {@code --allow-write}).
 * Read-only unless prefixes are given; the syntax is {@link KeyPrefixes}'.
 */
public final class WritePolicy {

    private final KeyPrefixes prefixes;

    private WritePolicy(KeyPrefixes prefixes) {
        this.prefixes = prefixes;
    }

    public static WritePolicy none() {
        return new WritePolicy(KeyPrefixes.none());
    }

    public static WritePolicy of(List<String> prefixes) {
        return new WritePolicy(KeyPrefixes.of(prefixes));
    }

    public boolean isReadOnly() {
        return prefixes.isEmpty();
    }

    public List<String> prefixes() {
        return prefixes.texts();
    }

    public KeyPrefixes keyPrefixes() {
        return prefixes;
    }

    public boolean allows(int unit, StoreInfo store, String key) {
        return prefixes.covers(unit, store.kind(), key);
    }
}
