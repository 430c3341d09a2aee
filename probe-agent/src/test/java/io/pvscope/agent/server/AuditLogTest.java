package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Audit lines stay one line each, whatever a caller puts in a key. */
class AuditLogTest {

    @Test
    void everyUnicodeLineBreakInAKeyIsEscaped() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AuditLog audit = new AuditLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), Clock.systemUTC());

        audit.refused("read", 0, "a\u0085b\u2028c\u2029d\ne\rf", "not allowed");

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text.lines().toList()).hasSize(1);
        assertThat(text.strip()).doesNotContain("\u0085", "\u2028", "\u2029", "\r")
                .contains("a\\u0085b\\u2028c\\u2029d\\ne\\rf");
    }
}
