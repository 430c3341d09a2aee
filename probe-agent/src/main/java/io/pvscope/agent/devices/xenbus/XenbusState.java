package io.pvscope.agent.devices.xenbus;

import io.pvscope.client.XenbusStates;
import java.util.Optional;

/**
 * The states of a XenBus device end (enum xenbus_state in Xen's public/io/xenbus.h), kept as a decimal
 * number in each end's {@code state} node.
 */
public enum XenbusState {
    UNKNOWN(0),
    INITIALISING(1),
    INIT_WAIT(2),
    INITIALISED(3),
    CONNECTED(4),
    CLOSING(5),
    CLOSED(6),
    RECONFIGURING(7),
    RECONFIGURED(8);

    private final int value;

    XenbusState(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** The name xenbus.h gives it without the XenbusState prefix ("InitWait"). */
    public String label() {
        return XenbusStates.name(value).orElseThrow();
    }

    public static Optional<XenbusState> of(int value) {
        return value >= 0 && value < values().length ? Optional.of(values()[value]) : Optional.empty();
    }

    /** "4 (Connected)", or the bare number for one xenbus.h does not name. */
    public static String describe(int value) {
        return of(value).map(state -> value + " (" + state.label() + ")").orElse(String.valueOf(value));
    }
}
