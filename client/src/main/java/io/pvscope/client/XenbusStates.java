package io.pvscope.client;

import java.util.List;
import java.util.Optional;

/**
 * The names Xen's public/io/xenbus.h gives the states of a XenBus device end (enum xenbus_state, without the
 * XenbusState prefix), kept as a decimal number in each end's {@code state} node. The agent names the states
 * it reports with them and the IDE the raw {@code state} keys it shows, so both say "InitWait" alike.
 */
public final class XenbusStates {

    private static final List<String> NAMES = List.of("Unknown", "Initialising", "InitWait", "Initialised",
            "Connected", "Closing", "Closed", "Reconfiguring", "Reconfigured");

    private XenbusStates() {
    }

    /** The name of a state number, or empty for one xenbus.h does not name. */
    public static Optional<String> name(int value) {
        return value >= 0 && value < NAMES.size() ? Optional.of(NAMES.get(value)) : Optional.empty();
    }
}
