package io.pvscope.agent.hostctl;

import io.pvscope.agent.bus.AgentBus;
import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;

/** hostctl on this guest without an agent: the units and stores the agent would serve, used directly. */
public final class LocalPvbusAccess implements PvbusAccess {

    private final AgentBus bus;

    public LocalPvbusAccess(AgentBus bus) {
        this.bus = bus;
    }

    @Override
    public void open(int unit) throws StoreException {
        AgentBus.View view = bus.current();
        if (view.units().isEmpty()) {
            throw new StoreException(Errno.ENODEV, "no pvbus: no hypervisor interface and no store");
        }
        view.unit(unit);
    }

    @Override
    public String type(int unit) throws StoreException {
        return bus.current().unit(unit).type();
    }

    @Override
    public byte[] read(int unit, String key) throws StoreException {
        return bus.current().store(unit).read(key).bytes();
    }

    @Override
    public byte[] write(int unit, String key, byte[] value) throws StoreException {
        return bus.current().store(unit).write(key, value);
    }

    @Override
    public void close() {
        bus.close();
    }
}
