package io.pvscope.agent.hostctl;

import java.io.ByteArrayOutputStream;

/**
 * The two vis(3) encodings hostctl uses, byte for byte as OpenBSD's libc in the C locale: {@link #safe}
 * (VIS_SAFE | VIS_CSTYLE) for keys, values and printed values, {@link #white} (VIS_WHITE | VIS_DQ |
 * VIS_CSTYLE) for the -t output. The result is always ASCII.
 */
public final class Vis {

    private Vis() {
    }

    /** VIS_SAFE | VIS_CSTYLE: space, tab, newline, BEL, BS and CR pass; backslash doubles. */
    public static byte[] safe(byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length + 16);
        for (byte b : input) {
            int c = b & 0xff;
            if (c == ' ' || c == '\t' || c == '\n' || c == 0x07 || c == '\b' || c == '\r') {
                out.write(c);
            } else {
                encodeCommon(c, out);
            }
        }
        return out.toByteArray();
    }

    /** VIS_WHITE | VIS_DQ | VIS_CSTYLE: white space, quotes and C escapes are all encoded. */
    public static byte[] white(byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length + 16);
        for (byte b : input) {
            int c = b & 0xff;
            String escape = switch (c) {
                case ' ' -> "\\s";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\b' -> "\\b";
                case 0x07 -> "\\a";
                case '"' -> "\\\"";
                default -> null;
            };
            if (escape != null) {
                out.writeBytes(escape.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } else {
                encodeCommon(c, out);
            }
        }
        return out.toByteArray();
    }

    /** What both encodings share: graphic ASCII as is, '\' doubled, C-style and meta/control escapes. */
    private static void encodeCommon(int c, ByteArrayOutputStream out) {
        if (c == '\\') {
            out.write('\\');
            out.write('\\');
        } else if (c > 0x20 && c < 0x7f) {
            out.write(c);
        } else if (c == 0x0b) {
            out.write('\\');
            out.write('v');
        } else if (c == 0x0c) {
            out.write('\\');
            out.write('f');
        } else if (c == 0xa0) {
            // A meta space is written in octal, as vis does for every byte whose low seven bits are a space.
            out.writeBytes("\\240".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } else {
            out.write('\\');
            int low = c & 0x7f;
            if ((c & 0x80) != 0) {
                out.write('M');
                if (low >= 0x20 && low < 0x7f) {
                    out.write('-');
                    out.write(low);
                    return;
                }
            }
            out.write('^');
            out.write(low == 0x7f ? '?' : low + 0x40);
        }
    }
}
