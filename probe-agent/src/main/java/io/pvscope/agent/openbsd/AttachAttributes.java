package io.pvscope.agent.openbsd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns what a driver prints on its attach line into named attributes: "protocol 4.0, features 0x2e7f" →
 * protocol=4.0, features=0x2e7f; "32 grant table frames" → grant table frames=32; "backend 0 channel 7" →
 * backend=0, channel=7. Items that carry no value ("disk", "not functional") are kept under one key.
 */
final class AttachAttributes {

    /** A number, a hex number, a version or a MAC address. */
    private static final Pattern VALUE = Pattern.compile(
            "0x[0-9a-fA-F]+|\\d[\\w.:/-]*|[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");
    private static final Pattern COUNT_FIRST = Pattern.compile("^(\\d+) (\\D.*)$");

    private AttachAttributes() {
    }

    /** Adds the attributes of a comma-separated list; value-less items go to {@code plainKey}. */
    static void addList(String text, String plainKey, Map<String, String> attributes) {
        if (text.isBlank()) {
            return;
        }
        for (String item : text.split(",\\s*")) {
            addItem(item.trim(), plainKey, attributes);
        }
    }

    /** Adds the word/value pairs of a locator ("channel 14"); anything else is kept whole. */
    static void addLocator(String locator, Map<String, String> attributes) {
        if (!locator.isBlank() && !addPairs(locator.split(" "), attributes)) {
            attributes.put("at", locator);
        }
    }

    private static void addItem(String item, String plainKey, Map<String, String> attributes) {
        if (item.isEmpty()) {
            return;
        }
        var countFirst = COUNT_FIRST.matcher(item);
        if (countFirst.matches()) {
            attributes.put(countFirst.group(2), countFirst.group(1));
            return;
        }
        String[] words = item.split(" ");
        if (words.length > 2 && addPairs(words, attributes)) {
            return;
        }
        String last = words[words.length - 1];
        if (words.length > 1 && isValue(last)) {
            attributes.put(String.join(" ", List.of(words).subList(0, words.length - 1)), last);
            return;
        }
        attributes.merge(plainKey, item, (old, added) -> old + ", " + added);
    }

    /** "NVS 5.0 NDIS 6.30" → NVS=5.0, NDIS=6.30; false (and nothing added) unless every second word is a value. */
    private static boolean addPairs(String[] words, Map<String, String> attributes) {
        if (words.length % 2 != 0) {
            return false;
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < words.length; i += 2) {
            if (isValue(words[i]) || !isValue(words[i + 1])) {
                return false;
            }
            pairs.put(words[i], words[i + 1]);
        }
        attributes.putAll(pairs);
        return true;
    }

    private static boolean isValue(String word) {
        return VALUE.matcher(word).matches();
    }
}
