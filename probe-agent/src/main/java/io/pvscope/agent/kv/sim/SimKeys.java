package io.pvscope.agent.kv.sim;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import java.nio.charset.StandardCharsets;

/**
 * Key syntax of the simulated store: XenStore-like paths ("device/vif/0/mac", "/name"), plus '.' and ':' so
 * that guestinfo-style ("guestinfo.hostname") keys fit too. A leading '/' is optional; ".." and empty
 * segments are refused, so a key can never name anything outside the tree.
 */
final class SimKeys {

    static final int MAX_KEY_BYTES = 1024;

    private SimKeys() {
    }

    /**
     * The canonical form: no leading or trailing '/', "" for the root. Checked in place, without splitting or
     * encoding the key: a listing normalises every key it reads, twice.
     */
    static String normalize(String key) throws StoreException {
        // A char is at most 3 bytes of UTF-8: only a longer key needs counting.
        if (key.length() > MAX_KEY_BYTES / 3 && key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new StoreException(Errno.EINVAL, "key longer than " + MAX_KEY_BYTES + " bytes");
        }
        String path = key.startsWith("/") ? key.substring(1) : key;
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty()) {
            return "";
        }
        checkSegments(key, path);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-/_@.:".indexOf(c) >= 0;
            if (!allowed) {
                throw new StoreException(Errno.EINVAL, String.format(
                        "character U+%04X not allowed in a key (A-Z a-z 0-9 - / _ @ . :)", (int) c));
            }
        }
        return path;
    }

    /** Refuses an empty, "." or ".." segment, naming the first one. */
    private static void checkSegments(String key, String path) throws StoreException {
        int start = 0;
        while (true) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            int length = end - start;
            if (length == 0 || path.charAt(start) == '.' && (length == 1 || length == 2
                    && path.charAt(start + 1) == '.')) {
                throw new StoreException(Errno.EINVAL, "bad path segment '" + path.substring(start, end)
                        + "' in key '" + key + "'");
            }
            if (end == path.length()) {
                return;
            }
            start = end + 1;
        }
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "/" + name;
    }

    static boolean isUnder(String path, String ancestor) {
        return ancestor.isEmpty() || path.equals(ancestor) || path.startsWith(ancestor + "/");
    }
}
