package io.pvscope.agent.openbsd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DmesgBootTest {

    @Test
    void theLastOfSeveralBootsCounts() {
        String text = """
                OpenBSD 7.4 (GENERIC.MP) #2: Fri Oct 13 09:41:05 UTC 2023
                pvbus0 at mainbus0: KVM
                rebooting...
                OpenBSD 7.5 (GENERIC.MP) #1: Sat Apr  6 10:12:44 UTC 2024
                pvbus0 at mainbus0: VMware
                """;

        DmesgBoot boot = DmesgBoot.last(text);

        assertThat(boot.number()).isEqualTo(2);
        assertThat(boot.count()).isEqualTo(2);
        assertThat(boot.banner()).isEqualTo("OpenBSD 7.5 (GENERIC.MP) #1: Sat Apr  6 10:12:44 UTC 2024");
        assertThat(boot.lines()).containsExactly(boot.banner(), "pvbus0 at mainbus0: VMware");
    }

    @Test
    void aBufferThatLostItsBannerIsOneBoot() {
        DmesgBoot boot = DmesgBoot.last("cpu0 at mainbus0: apid 0\npvbus0 at mainbus0: Xen 4.17\n");

        assertThat(boot.banner()).isEmpty();
        assertThat(boot.count()).isEqualTo(1);
        assertThat(boot.lines()).hasSize(2);
    }

    @Test
    void aLineThatOnlyMentionsOpenBsdDoesNotStartABoot() {
        DmesgBoot boot = DmesgBoot.last("""
                OpenBSD 7.5 (GENERIC) #1: Sat Apr  6 10:08:02 UTC 2024
                pvbus0 at mainbus0: OpenBSD
                pchb0 at pci0 dev 0 function 0 "OpenBSD VMM Host" rev 0x00
                """);

        assertThat(boot.count()).isEqualTo(1);
        assertThat(boot.lines()).hasSize(3);
    }
}
