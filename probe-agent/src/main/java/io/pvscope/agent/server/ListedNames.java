package io.pvscope.agent.server;

import java.util.List;

/**
 * The names a listing pages through, kept for as long as the listing lasts: as one string and where each
 * name ends, two objects instead of a string per name. A listing of 100k keys held 200k objects that every
 * young collection during it copied, and that ended up filling the old generation.
 */
final class ListedNames {

    private final String joined;
    private final int[] ends;

    private ListedNames(String joined, int[] ends) {
        this.joined = joined;
        this.ends = ends;
    }

    static ListedNames of(List<String> names) {
        StringBuilder joined = new StringBuilder();
        int[] ends = new int[names.size()];
        for (int i = 0; i < ends.length; i++) {
            joined.append(names.get(i));
            ends[i] = joined.length();
        }
        return new ListedNames(joined.toString(), ends);
    }

    int size() {
        return ends.length;
    }

    String get(int index) {
        return joined.substring(index == 0 ? 0 : ends[index - 1], ends[index]);
    }
}
