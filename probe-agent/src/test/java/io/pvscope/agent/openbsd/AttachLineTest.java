package io.pvscope.agent.openbsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttachLineTest {

    private static Map<String, String> attributes(String line) {
        AttachLine attach = AttachLine.parse(line).orElseThrow();
        Map<String, String> attributes = new LinkedHashMap<>();
        AttachAttributes.addLocator(attach.locator(), attributes);
        AttachAttributes.addList(attach.tail(), "info", attributes);
        return attributes;
    }

    @Test
    void splitsDeviceParentLocatorAndTail() {
        AttachLine line = AttachLine.parse("xnf0 at xen0 backend 0 channel 7: address 00:16:3e:5c:9a:12").orElseThrow();

        assertThat(line.device()).isEqualTo("xnf0");
        assertThat(line.driver()).isEqualTo("xnf");
        assertThat(line.parent()).isEqualTo("xen0");
        assertThat(line.locator()).isEqualTo("backend 0 channel 7");
        assertThat(line.tail()).isEqualTo("address 00:16:3e:5c:9a:12");
    }

    @Test
    void aBareAttachHasNoLocatorOrTail() {
        AttachLine line = AttachLine.parse("pvclock0 at pvbus0").orElseThrow();

        assertThat(line.driver()).isEqualTo("pvclock");
        assertThat(line.locator()).isEmpty();
        assertThat(line.tail()).isEmpty();
    }

    @Test
    void notConfiguredAndOtherLinesAreNoAttachment() {
        assertThat(AttachLine.parse("acpi at bios0 not configured")).isEmpty();
        assertThat(AttachLine.parse("hyperv0: heartbeat, kvp, shutdown, timesync")).isEmpty();
        assertThat(AttachLine.parse("real mem = 4278050816 (4079MB)")).isEmpty();
    }

    @Test
    void valuesAreNamedByTheirWords() {
        assertThat(attributes("xen0 at pvbus0: features 0x2705, 32 grant table frames, event channel 3"))
                .containsExactly(entry("features", "0x2705"), entry("grant table frames", "32"),
                        entry("event channel", "3"));
        assertThat(attributes("hvn0 at hyperv0 channel 14: NVS 5.0 NDIS 6.30, address 00:15:5d:0a:3c:21"))
                .containsExactly(entry("channel", "14"), entry("NVS", "5.0"), entry("NDIS", "6.30"),
                        entry("address", "00:15:5d:0a:3c:21"));
        assertThat(attributes("vio0 at virtio1: address fe:e1:ba:d0:00:01"))
                .containsExactly(entry("address", "fe:e1:ba:d0:00:01"));
    }

    @Test
    void itemsWithoutAValueAreKeptUnderOneKey() {
        assertThat(attributes("hvs0 at hyperv0 channel 2: scsi, protocol 6.2"))
                .containsExactly(entry("channel", "2"), entry("info", "scsi"), entry("protocol", "6.2"));
        assertThat(attributes("hyperv0 at pvbus0: not functional")).containsExactly(entry("info", "not functional"));
    }
}
