package io.pvscope.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XenbusStatesTest {

    @Test
    void namesTheStatesOfXenbusHeaderByNumber() {
        assertThat(XenbusStates.name(0)).contains("Unknown");
        assertThat(XenbusStates.name(2)).contains("InitWait");
        assertThat(XenbusStates.name(4)).contains("Connected");
        assertThat(XenbusStates.name(8)).contains("Reconfigured");
    }

    @Test
    void numbersTheHeaderDoesNotNameHaveNoName() {
        assertThat(XenbusStates.name(-1)).isEmpty();
        assertThat(XenbusStates.name(9)).isEmpty();
    }
}
