package io.pvscope.agent.kv.xenstore.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Payloads made of NUL-terminated strings, as most XenStore requests and replies are. */
public final class XsStrings {

    private XsStrings() {
    }

    /** Each string followed by a NUL. */
    public static byte[] terminated(String... strings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String s : strings) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    /** A NUL-terminated string followed by raw bytes (WRITE: the value carries no terminator). */
    public static byte[] terminatedThen(String first, byte[] rest) {
        byte[] head = first.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[head.length + 1 + rest.length];
        System.arraycopy(head, 0, payload, 0, head.length);
        System.arraycopy(rest, 0, payload, head.length + 1, rest.length);
        return payload;
    }

    /**
     * Splits a payload of NUL-terminated strings; null when the last one lacks its NUL (a malformed reply).
     * An empty payload is no strings.
     */
    public static List<String> split(byte[] payload) {
        List<String> strings = new ArrayList<>();
        if (payload.length > 0 && payload[payload.length - 1] != 0) {
            return null;
        }
        int start = 0;
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == 0) {
                strings.add(new String(payload, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return strings;
    }

    /** The one NUL-terminated string a reply must be; null when it is not exactly that. */
    public static String single(byte[] payload) {
        List<String> strings = split(payload);
        return strings != null && strings.size() == 1 ? strings.get(0) : null;
    }
}
