package io.pvscope.agent.hostctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;

/**
 * hostctl prints keys and values through vis(3): for any bytes the output must be printable ASCII (plus the
 * white space VIS_SAFE lets through) and must decode back to exactly the input, as unvis(3) would.
 */
class VisFuzzTest {

    @FuzzTest
    void safeIsPrintableAndReversible(byte[] input) {
        byte[] encoded = Vis.safe(input);

        for (byte b : encoded) {
            int c = b & 0xff;
            assertThat(c >= 0x21 && c < 0x7f || c == ' ' || c == '\t' || c == '\n' || c == 0x07 || c == '\b'
                    || c == '\r').as("byte 0x%02x in the output", c).isTrue();
        }
        assertThat(unvis(encoded)).isEqualTo(input);
    }

    @FuzzTest
    void whiteIsGraphicAndReversible(byte[] input) {
        byte[] encoded = Vis.white(input);

        for (byte b : encoded) {
            int c = b & 0xff;
            assertThat(c >= 0x21 && c < 0x7f).as("byte 0x%02x in the output", c).isTrue();
        }
        assertThat(unvis(encoded)).isEqualTo(input);
    }

    /** The decoding side of the escapes vis writes in the C locale (written here from vis(3)'s table). */
    static byte[] unvis(byte[] encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < encoded.length) {
            int c = encoded[i++] & 0xff;
            if (c != '\\') {
                out.write(c);
                continue;
            }
            int e = encoded[i++] & 0xff;
            int meta = 0;
            if (e == 'M') {
                meta = 0x80;
                int kind = encoded[i++] & 0xff;
                if (kind == '-') {
                    out.write(meta | encoded[i++] & 0xff);
                    continue;
                }
                e = kind; // '^'
            }
            switch (e) {
                case '^' -> {
                    int ch = encoded[i++] & 0xff;
                    out.write(meta | (ch == '?' ? 0x7f : ch - 0x40));
                }
                case '\\' -> out.write('\\');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case 'r' -> out.write('\r');
                case 'b' -> out.write('\b');
                case 'a' -> out.write(0x07);
                case 'v' -> out.write(0x0b);
                case 'f' -> out.write(0x0c);
                case 's' -> out.write(' ');
                case '"' -> out.write('"');
                default -> {
                    // Three octal digits.
                    int value = (e - '0') * 64 + ((encoded[i] & 0xff) - '0') * 8 + ((encoded[i + 1] & 0xff) - '0');
                    i += 2;
                    out.write(value);
                }
            }
        }
        return out.toByteArray();
    }
}
