package io.pvscope.agent.kv.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import java.nio.file.Path;

/** Simulated-store keys come from clients: any key is refused (EINVAL) or names a node inside the tree. */
class SimKeysFuzzTest {

    private static final Path BASE = Path.of("/base");

    @FuzzTest
    void anyKeyIsRefusedOrStaysInTheTree(FuzzedDataProvider data) throws StoreException {
        String key = data.consumeRemainingAsString();
        String path;
        try {
            path = SimKeys.normalize(key);
        } catch (StoreException e) {
            assertThat(e.errno()).isEqualTo(Errno.EINVAL);
            return;
        }
        assertThat(path).doesNotStartWith("/").doesNotEndWith("/").doesNotContain("//");
        assertThat(path.isEmpty() || path.matches("[A-Za-z0-9/_@.:-]+")).isTrue();
        for (String segment : path.split("/")) {
            assertThat(segment).isNotIn(".", "..");
        }
        assertThat(BASE.resolve(path).normalize().startsWith(BASE)).isTrue();
        assertThat(SimKeys.normalize(path)).isEqualTo(path);
        assertThat(SimKeys.isUnder(path, SimKeys.parent(path))).isTrue();
    }
}
