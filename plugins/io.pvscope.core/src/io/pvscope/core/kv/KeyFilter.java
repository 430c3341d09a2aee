package io.pvscope.core.kv;

import java.util.ArrayList;
import java.util.List;

/**
 * What the user typed in a filter box: a key is shown when its full path contains the text, ignoring case,
 * so a path prefix ("device/vif") and a fragment ("mac") both work. Everything below a matching key is
 * shown too, and the keys above it so it can be reached.
 */
public record KeyFilter(String text) {

    public static final KeyFilter NONE = new KeyFilter("");

    public KeyFilter {
        text = text == null ? "" : text.trim();
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    public boolean matches(KeyNode node) {
        return isEmpty() || indexOfIgnoreCase(node.key(), text, 0) >= 0;
    }

    /** Where the text occurs in {@code shown}: start and length pairs, for highlighting. */
    public List<int[]> occurrences(String shown) {
        List<int[]> found = new ArrayList<>();
        if (isEmpty()) {
            return found;
        }
        int from = 0;
        int at;
        while ((at = indexOfIgnoreCase(shown, text, from)) >= 0) {
            found.add(new int[] { at, text.length() });
            from = at + text.length();
        }
        return found;
    }

    private static int indexOfIgnoreCase(String haystack, String needle, int from) {
        int last = haystack.length() - needle.length();
        for (int i = from; i <= last; i++) {
            if (haystack.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }
}
