package io.pvscope.agent.server;

/**
 * One spelling per key before anything is decided about it: a key with trailing slashes names the same node
 * as without them ("data/x/" is "data/x"), so the grant check and the store see the same key. Without this,
 * a grant of "data/x/" would let "data/x/" reach the node "data/x" outside it.
 */
final class KeyPaths {

    private KeyPaths() {
    }

    /** {@code key} without trailing slashes; the root "/" (and "") stay as they are. */
    static String normal(String key) {
        int end = key.length();
        while (end > 1 && key.charAt(end - 1) == '/') {
            end--;
        }
        return key.substring(0, end);
    }
}
