package io.pvscope.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.pvscope.core.Target;

class TargetTest {

    @Test
    void parseReadsHostAndPortAndNamesTheTargetByItsAddress() {
        Target target = Target.parse("", " 127.0.0.1:7393 ");

        assertEquals(new Target("127.0.0.1:7393", "127.0.0.1", 7393), target);
    }

    @Test
    void parseReadsBracketedIpv6Literals() {
        Target target = Target.parse("v6", "[::1]:7393");

        assertEquals("::1", target.host());
        assertEquals("[::1]:7393", target.address());
    }

    @Test
    void parseRejectsAnAddressWithoutPort() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Target.parse(null, "guest.example"));

        assertEquals("expected host:port, got 'guest.example'", error.getMessage());
    }

    @Test
    void portOutsideTheTcpRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Target.parse(null, "127.0.0.1:70000"));
    }
}
