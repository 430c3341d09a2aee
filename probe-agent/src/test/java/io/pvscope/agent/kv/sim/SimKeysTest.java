package io.pvscope.agent.kv.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import org.junit.jupiter.api.Test;

/** The canonical form of keys, and which segment or character a refused key is refused for. */
class SimKeysTest {

    @Test
    void slashesAroundAKeyAreDroppedOnceAndDotsInsideANameAreFine() throws StoreException {
        assertThat(SimKeys.normalize("/device/vif/0/")).isEqualTo("device/vif/0");
        assertThat(SimKeys.normalize("")).isEmpty();
        assertThat(SimKeys.normalize("/")).isEmpty();
        assertThat(SimKeys.normalize("//")).isEmpty();
        assertThat(SimKeys.normalize("a/.b/..c/d.")).isEqualTo("a/.b/..c/d.");
        assertThat(SimKeys.normalize("guestinfo.hostname")).isEqualTo("guestinfo.hostname");
    }

    @Test
    void theFirstBadSegmentIsNamed() {
        assertRefused("a//b", "bad path segment '' in key 'a//b'");
        assertRefused("a///", "bad path segment '' in key 'a///'");
        assertRefused("///a", "bad path segment '' in key '///a'");
        assertRefused("a/./b", "bad path segment '.' in key 'a/./b'");
        assertRefused("..", "bad path segment '..' in key '..'");
        assertRefused("a/b/..", "bad path segment '..' in key 'a/b/..'");
        // A bad segment is named before a bad character.
        assertRefused("ü/../x", "bad path segment '..' in key 'ü/../x'");
        assertRefused("a/ü", "character U+00FC not allowed in a key (A-Z a-z 0-9 - / _ @ . :)");
    }

    @Test
    void theLengthLimitCountsBytesOfUtf8() {
        assertRefused("x".repeat(1025), "key longer than 1024 bytes");
        // 342 three-byte characters are 1026 bytes though only 342 chars.
        assertRefused("€".repeat(342), "key longer than 1024 bytes");
        assertRefused("€".repeat(341), "character U+20AC not allowed in a key (A-Z a-z 0-9 - / _ @ . :)");
    }

    private static void assertRefused(String key, String message) {
        assertThatThrownBy(() -> SimKeys.normalize(key)).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL)).hasMessage(message);
    }
}
