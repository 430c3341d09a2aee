package io.pvscope.agent.tree;

import java.util.HashMap;
import java.util.Map;

/** Numbers nodes per driver as autoconf does: vio0, vio1, vioblk0... */
final class NodeNamer {

    private final Map<String, Integer> next = new HashMap<>();

    String name(String driver) {
        int n = next.merge(driver, 1, Integer::sum) - 1;
        return driver + n;
    }
}
