package io.pvscope.agent.kv.guestinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** open-vm-tools' real vmware-rpctool outside VMware: the store says it is unavailable, and why. */
class GuestinfoStoreWithRealToolTest {

    private static final Path TOOL = Path.of("/usr/bin/vmware-rpctool");

    @Test
    void outsideVmwareTheStoreIsUnavailableWithTheToolsReason() {
        assumeTrue(Files.isExecutable(TOOL), "open-vm-tools is not installed (apt-get install open-vm-tools)");
        GuestinfoStore store = new GuestinfoStore(TOOL, Duration.ofSeconds(10));

        assertThat(store.unavailableReason()).hasValueSatisfying(reason ->
                assertThat(reason).contains("vmware-rpctool").contains("VMware"));
        assertThatThrownBy(() -> store.read("guestinfo.hostname")).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.errno()).isEqualTo(Errno.EIO));
    }
}
