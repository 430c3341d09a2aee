package io.pvscope.agent.server;

import io.pvscope.agent.bus.StoreBackends;
import java.util.List;

/**
 * A set of key prefixes, as used for read and write grants. A prefix is {@code PREFIX} (every unit),
 * {@code N:PREFIX} (unit N) or {@code KIND:PREFIX} (stores of a kind, as the backend table names them);
 * an empty PREFIX after the colon covers the whole store and {@code *} covers every store. Keys are compared
 * as given, without their leading '/', so a prefix never matches more than it spells.
 */
public final class KeyPrefixes {

    private static final KeyPrefixes NONE = new KeyPrefixes(List.of());

    private final List<Rule> rules;

    private KeyPrefixes(List<Rule> rules) {
        this.rules = rules;
    }

    public static KeyPrefixes none() {
        return NONE;
    }

    public static KeyPrefixes all() {
        return of(List.of("*"));
    }

    /** Parses each prefix; throws IllegalArgumentException naming the first one that cannot be a prefix. */
    public static KeyPrefixes of(List<String> prefixes) {
        return new KeyPrefixes(prefixes.stream().map(Rule::parse).toList());
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public List<String> texts() {
        return rules.stream().map(Rule::text).toList();
    }

    /** Equal when they spell the same prefixes in the same order: a reload that kept a grant as it was. */
    @Override
    public boolean equals(Object other) {
        return other instanceof KeyPrefixes prefixes && prefixes.rules.equals(rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    /**
     * True when the key lies under one of the prefixes. Asked for every entry of a listing, so it loops
     * without a stream and compares past a leading '/' in place.
     */
    public boolean covers(int unit, String kind, String key) {
        int from = key.startsWith("/") ? 1 : 0;
        for (Rule rule : rules) {
            if (rule.appliesTo(unit, kind) && key.startsWith(rule.prefix(), from)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when every key that starts with {@code start} lies under one of the prefixes: a prefix is itself
     * a prefix of {@code start}.
     */
    public boolean coversAllUnder(int unit, String kind, String start) {
        return covers(unit, kind, start);
    }

    /** True when the key lies under a prefix or above one (so that listing it leads to what is covered). */
    public boolean coversOrLeadsTo(int unit, String kind, String key) {
        if (covers(unit, kind, key)) {
            return true;
        }
        String path = stripSlash(key);
        String parent = path.isEmpty() || path.endsWith("/") ? path : path + "/";
        for (Rule rule : rules) {
            if (rule.appliesTo(unit, kind) && rule.prefix().startsWith(parent)) {
                return true;
            }
        }
        return false;
    }

    static String stripSlash(String key) {
        return key.startsWith("/") ? key.substring(1) : key;
    }

    private record Rule(String text, String scope, String prefix) {

        static Rule parse(String text) {
            if (text.equals("*")) {
                return new Rule(text, "", "");
            }
            int colon = text.indexOf(':');
            String scope = colon < 0 ? "" : text.substring(0, colon);
            boolean scoped = colon > 0
                    && (scope.chars().allMatch(Character::isDigit) || StoreBackends.kinds().contains(scope));
            if (!scoped && scope.matches("[a-z][a-z0-9]*")) {
                // "foo:bar" reads as a store kind misspelt, not as a key that begins with "foo:".
                throw new IllegalArgumentException("'" + text + "': '" + scope + "' is not a store kind ("
                        + String.join(", ", StoreBackends.kinds()) + ") or a unit number");
            }
            if (!scoped) {
                if (text.isEmpty()) {
                    throw new IllegalArgumentException("an empty prefix would cover every key of every unit;"
                            + " name the unit or store (e.g. 'sim:'), or write '*' for everything");
                }
                return new Rule(text, "", stripSlash(text));
            }
            return new Rule(text, scope, stripSlash(text.substring(colon + 1)));
        }

        boolean appliesTo(int unit, String kind) {
            return scope.isEmpty() || scope.equals(kind) || scope.equals(String.valueOf(unit));
        }
    }
}
