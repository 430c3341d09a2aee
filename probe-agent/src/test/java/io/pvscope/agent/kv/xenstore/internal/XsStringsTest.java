package io.pvscope.agent.kv.xenstore.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XsStringsTest {

    @Test
    void writePayloadIsPathNulThenValueWithoutTerminator() {
        assertThat(XsStrings.terminatedThen("/k", "v".getBytes(UTF_8))).containsExactly('/', 'k', 0, 'v');
    }

    @Test
    void splitReturnsEachTerminatedString() {
        assertThat(XsStrings.split("a\0bc\0\0".getBytes(UTF_8))).containsExactly("a", "bc", "");
        assertThat(XsStrings.split(new byte[0])).isEmpty();
    }

    @Test
    void stringMissingItsNulIsMalformed() {
        assertThat(XsStrings.split("a\0b".getBytes(UTF_8))).isNull();
        assertThat(XsStrings.single("a\0b\0".getBytes(UTF_8))).isNull();
    }
}
