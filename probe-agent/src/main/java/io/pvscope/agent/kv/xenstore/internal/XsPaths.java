package io.pvscope.agent.kv.xenstore.internal;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;

/**
 * The node-name rule both daemons enforce, checked before a path reaches the wire: a NUL inside a path would
 * otherwise split it into two request fields. Length limits are left to the daemon, which knows its quota.
 */
public final class XsPaths {

    private static final String ALLOWED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-/_@";

    private XsPaths() {
    }

    public static String checked(String path) throws StoreException {
        if (path == null || path.isEmpty()) {
            throw new StoreException(Errno.EINVAL, "empty XenStore path");
        }
        for (int i = 0; i < path.length(); i++) {
            if (ALLOWED.indexOf(path.charAt(i)) < 0) {
                throw new StoreException(Errno.EINVAL, "XenStore path \"" + printable(path)
                        + "\" has a character outside A-Za-z0-9-/_@ at offset " + i);
            }
        }
        return path;
    }

    private static String printable(String path) {
        StringBuilder out = new StringBuilder();
        path.codePoints().limit(200).forEach(c -> {
            if (c >= 0x20 && c < 0x7f) {
                out.appendCodePoint(c);
            } else {
                out.append(String.format("\\x%02x", c));
            }
        });
        return out.toString();
    }
}
