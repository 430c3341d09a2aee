package io.pvscope.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallDeadlineTest {

    @Test
    void tenSecondsUnlessTheEnvironmentSaysOtherwise() {
        assertThat(CallDeadline.fromEnvironment(Map.of())).isEqualTo(Duration.ofSeconds(10));
        assertThat(CallDeadline.fromEnvironment(Map.of("PVSCOPE_TIMEOUT", " 2.5 "))).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void aDeadlineThatIsNotOneIsRefusedByName() {
        for (String bad : new String[] {"0", "-1", "ten", "NaN", "1e9"}) {
            assertThatIllegalArgumentException().isThrownBy(() -> CallDeadline.fromEnvironment(
                    Map.of("PVSCOPE_TIMEOUT", bad))).withMessageStartingWith("PVSCOPE_TIMEOUT: expected");
        }
    }
}
