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
    void parseTakesTheDefaultPortAndReadsABareIpv6LiteralAsAnAddress() {
        assertEquals(new Target(null, "guest.example", 7393), Target.parse(null, "guest.example"));
        Target linkLocal = Target.parse(null, "fe80::1");

        assertEquals("fe80::1", linkLocal.host());
        assertEquals(7393, linkLocal.port());
    }

    @Test
    void parseRefusesAUnixSocket() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Target.parse(null, "unix:/run/pvscope/agent.sock"));

        assertEquals("the IDE reaches agents over TCP, not through unix:/run/pvscope/agent.sock", error.getMessage());
    }

    @Test
    void portOutsideTheTcpRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Target.parse(null, "127.0.0.1:70000"));
    }
}
