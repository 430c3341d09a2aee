package io.pvscope.agent.bus;

import io.pvscope.agent.kv.StoreBackend;
import io.pvscope.agent.kv.guestinfo.GuestinfoBackend;
import io.pvscope.agent.kv.kvp.KvpBackend;
import io.pvscope.agent.kv.sim.SimBackend;
import io.pvscope.agent.kv.xenstore.XenStoreBackend;
import io.pvscope.agent.openbsd.PvbusBackend;
import java.util.List;

/**
 * The agent's one table of key/value backends. Stores are numbered in this order, so a guest's units keep
 * their numbers however the stores were named; the simulated store comes last.
 */
public final class StoreBackends {

    private static final List<StoreBackend> ALL = List.of(
            new XenStoreBackend(),
            new KvpBackend(),
            new GuestinfoBackend(),
            new PvbusBackend(),
            new SimBackend());

    private StoreBackends() {
    }

    public static List<StoreBackend> all() {
        return ALL;
    }

    /** The kinds, as grants ("KIND:PREFIX") and statuses name them. */
    public static List<String> kinds() {
        return ALL.stream().map(StoreBackend::kind).toList();
    }

    /** The kinds for help texts ({@code ${COMPLETION-CANDIDATES}} in an option's description). */
    public static final class Kinds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return kinds().iterator();
        }
    }
}
