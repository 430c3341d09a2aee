package io.pvscope.agent.kv.kvp.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pvscope.agent.testkit.BuildDirectory;
import io.pvscope.testsupport.KitAssumptions;
import io.pvscope.testsupport.nativecode.CSource;
import io.pvscope.testsupport.nativecode.Gcc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The fake host's idea of struct hv_kvp_msg against the one in the installed linux/hyperv.h. */
class KvpMessageLayoutTest {

    private static final Path HEADER = Path.of("/usr/include/linux/hyperv.h");

    @Test
    void offsetsAndCodesMatchTheUapiHeader() throws Exception {
        assumeTrue(Files.isReadable(HEADER), () -> HEADER + " is missing (Debian package linux-libc-dev)");
        Path program = KitAssumptions.orSkip(() -> Gcc.program(CSource.file(BuildDirectory.source("hv_kvp_layout.c")),
                BuildDirectory.of("hv-kvp-shim"), "-Wall", "-Werror"));

        Map<String, Long> header = new HashMap<>();
        for (String line : Processes.run(List.of(program.toString()), Duration.ofSeconds(20)).split("\n")) {
            String[] nameAndValue = line.trim().split(" ");
            header.put(nameAndValue[0], Long.parseLong(nameAndValue[1]));
        }

        assertThat(header).containsEntry("SIZE", (long) KvpMessage.SIZE)
                .containsEntry("POOL", (long) KvpMessage.POOL)
                .containsEntry("VALUE_TYPE", (long) KvpMessage.VALUE_TYPE)
                .containsEntry("KEY_SIZE", (long) KvpMessage.KEY_SIZE)
                .containsEntry("VALUE_SIZE", (long) KvpMessage.VALUE_SIZE)
                .containsEntry("KEY", (long) KvpMessage.KEY)
                .containsEntry("VALUE", (long) KvpMessage.VALUE)
                .containsEntry("ENUM_INDEX", (long) KvpMessage.ENUM_INDEX)
                .containsEntry("ENUM_KEY", (long) KvpMessage.ENUM_KEY)
                .containsEntry("ENUM_VALUE", (long) KvpMessage.ENUM_VALUE)
                .containsEntry("DELETE_KEY_SIZE", (long) KvpMessage.DELETE_KEY_SIZE)
                .containsEntry("DELETE_KEY", (long) KvpMessage.DELETE_KEY)
                .containsEntry("REGISTER_VERSION", (long) KvpMessage.REGISTER_VERSION)
                .containsEntry("OP_GET", (long) KvpMessage.OP_GET)
                .containsEntry("OP_SET", (long) KvpMessage.OP_SET)
                .containsEntry("OP_DELETE", (long) KvpMessage.OP_DELETE)
                .containsEntry("OP_ENUMERATE", (long) KvpMessage.OP_ENUMERATE)
                .containsEntry("OP_REGISTER1", (long) KvpMessage.OP_REGISTER1)
                .containsEntry("POOL_GUEST", (long) HostPool.GUEST.number())
                .containsEntry("POOL_AUTO_EXTERNAL", (long) HostPool.AUTO_EXTERNAL.number());
    }
}
