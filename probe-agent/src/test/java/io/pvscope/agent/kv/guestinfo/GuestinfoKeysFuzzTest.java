package io.pvscope.agent.kv.guestinfo;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;

/**
 * A guestinfo key goes into an "info-set KEY VALUE" line that the host splits at white space: a key that
 * is accepted must come back whole as the line's second word, so no key can write another one.
 */
class GuestinfoKeysFuzzTest {

    @FuzzTest
    void acceptedKeysCannotBeSplitByTheHost(FuzzedDataProvider data) {
        String key = data.consumeString(300);
        String value = data.consumeRemainingAsString();
        try {
            GuestinfoStore.checkKey(key);
        } catch (StoreException e) {
            assertThat(e.errno()).isEqualTo(Errno.EINVAL);
            return;
        }
        String command = "info-set " + key + " " + value;
        String[] words = command.split("[\\s\\x00]", 3);
        assertThat(words[1]).isEqualTo(key);
    }
}
