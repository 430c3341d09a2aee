package io.pvscope.agent.server;

import io.pvscope.agent.kv.StoreInfo;
import java.util.List;

/**
 * Where writes are allowed. Read-only unless prefixes are given. A prefix is {@code PREFIX} (every unit),
 * {@code N:PREFIX} (unit N) or {@code KIND:PREFIX} (stores of a kind: sim, xenstore, kvp, guestinfo, pvbus);
 * an empty PREFIX after the colon allows the whole store. Keys are compared as given, without their
 * leading '/', so a prefix never matches more than it spells.
 */
public final class WritePolicy {

    private final List<Rule> rules;

    private WritePolicy(List<Rule> rules) {
        this.rules = rules;
    }

    public static WritePolicy none() {
        return new WritePolicy(List.of());
    }

    public static WritePolicy of(List<String> prefixes) {
        return new WritePolicy(prefixes.stream().map(Rule::parse).toList());
    }

    public boolean isReadOnly() {
        return rules.isEmpty();
    }

    public List<String> prefixes() {
        return rules.stream().map(Rule::text).toList();
    }

    public boolean allows(int unit, StoreInfo store, String key) {
        String path = stripSlash(key);
        return rules.stream().anyMatch(rule -> rule.appliesTo(unit, store.kind()) && path.startsWith(rule.prefix()));
    }

    private static String stripSlash(String key) {
        return key.startsWith("/") ? key.substring(1) : key;
    }

    private record Rule(String text, String scope, String prefix) {

        static Rule parse(String text) {
            int colon = text.indexOf(':');
            String scope = colon < 0 ? "" : text.substring(0, colon);
            boolean scoped = colon > 0 && (scope.chars().allMatch(Character::isDigit)
                    || List.of("sim", "xenstore", "kvp", "guestinfo", "pvbus").contains(scope));
            if (!scoped) {
                if (text.isEmpty()) {
                    throw new IllegalArgumentException("an empty write prefix would allow every key of every"
                            + " unit; name the unit or store (e.g. 'sim:') to allow a whole store");
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
