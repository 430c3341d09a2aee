package io.pvscope.agent.server.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DescriptorLimitTest {

    @Test
    void readsTheSameLimitAsTheManagementBean() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/limits")), "Linux only");
        var bean = (com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        assertThat(DescriptorLimit.soft()).hasValue(bean.getMaxFileDescriptorCount());
    }

    @Test
    void readsTheSoftColumn() throws IOException {
        List<String> limits = List.of(
                "Limit                     Soft Limit           Hard Limit           Units     ",
                "Max open files            1024                 524288               files     ");

        assertThat(DescriptorLimit.parse(limits)).hasValue(1024);
    }

    @Test
    void unlimitedIsNoLimit() throws IOException {
        assertThat(DescriptorLimit.parse(List.of("Max open files            unlimited            unlimited            files")))
                .isEqualTo(OptionalLong.empty());
    }

    @Test
    void aFileWithoutTheRowIsAnError() {
        assertThatThrownBy(() -> DescriptorLimit.parse(List.of("Max processes 100 100 processes")))
                .isInstanceOf(IOException.class);
    }
}
