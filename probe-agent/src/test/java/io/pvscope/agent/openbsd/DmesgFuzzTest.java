package io.pvscope.agent.openbsd;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The dmesg capture parser takes whatever /var/run/dmesg.boot (or a capture handed to the CLI) holds: any
 * text must parse, without an exception, into a boot whose lines come from the text.
 */
class DmesgFuzzTest {

    @FuzzTest
    void anyCaptureParses(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();

        OpenBsdDmesg dmesg = OpenBsdDmesg.parse(text);

        DmesgBoot boot = dmesg.boot();
        assertThat(boot.number()).isBetween(1, boot.count());
        assertThat(text.lines().toList()).containsAll(boot.lines());
        dmesg.units().forEach(unit -> assertThat(unit.name()).isNotNull());
        new DmesgDeviceTree(dmesg);
    }

    /** pvbus0's line names the hypervisors with versions: any version text must parse or be kept as a name. */
    @FuzzTest
    void anyPvbusLineParses(FuzzedDataProvider data) {
        String units = data.consumeRemainingAsString().replace('\n', ' ').replace('\r', ' ');
        String text = "OpenBSD 7.5 (GENERIC.MP) #1: Mon Mar 18 09:52:11 MDT 2024\n"
                + "mainbus0 at root\npvbus0 at mainbus0: " + units + "\n";

        OpenBsdDmesg dmesg = OpenBsdDmesg.parse(text);

        assertThat(dmesg.pvbusLine()).isPresent();
        dmesg.units().forEach(unit -> unit.version().ifPresent(v -> assertThat(v.major()).isNotNegative()));
    }
}
