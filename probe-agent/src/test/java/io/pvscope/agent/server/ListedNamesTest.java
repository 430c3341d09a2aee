package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ListedNamesTest {

    @Test
    void eachNameComesBackAsItWasWhateverItsLength() {
        List<String> given = List.of("a", "bb", "", "ümlaut-€", "k0000042", "a");
        ListedNames names = ListedNames.of(given);

        assertThat(names.size()).isEqualTo(given.size());
        assertThat(IntStream.range(0, names.size()).mapToObj(names::get)).containsExactlyElementsOf(given);
        assertThat(ListedNames.of(List.of()).size()).isZero();
    }
}
