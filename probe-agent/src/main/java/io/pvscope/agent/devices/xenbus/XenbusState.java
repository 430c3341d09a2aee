package io.pvscope.agent.devices.xenbus;

import java.util.Optional;

/**
 * The states of a XenBus device end (enum xenbus_state in Xen's public/io/xenbus.h), kept as a decimal
 * number in each end's {@code state} node.
 */
public enum XenbusState {
    UNKNOWN(0, "Unknown"),
    INITIALISING(1, "Initialising"),
    INIT_WAIT(2, "InitWait"),
    INITIALISED(3, "Initialised"),
    CONNECTED(4, "Connected"),
    CLOSING(5, "Closing"),
    CLOSED(6, "Closed"),
    RECONFIGURING(7, "Reconfiguring"),
    RECONFIGURED(8, "Reconfigured");

    private final int value;
    private final String label;

    XenbusState(int value, String label) {
        this.value = value;
        this.label = label;
    }

    public int value() {
        return value;
    }

    /** The name xenbus.h gives it without the XenbusState prefix ("InitWait"). */
    public String label() {
        return label;
    }

    public static Optional<XenbusState> of(int value) {
        return value >= 0 && value < values().length ? Optional.of(values()[value]) : Optional.empty();
    }

    /** "4 (Connected)", or the bare number for one xenbus.h does not name. */
    public static String describe(int value) {
        return of(value).map(state -> value + " (" + state.label + ")").orElse(String.valueOf(value));
    }
}
