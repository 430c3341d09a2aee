package io.pvscope.core.tests.agent;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.pvscope.core.TargetConnection;
import io.pvscope.proto.v1.Unit;

/** Questions tests ask a connected agent before they start. */
public final class Agents {

    private Agents() {
    }

    /** The unit whose store is the simulated one the test agent was started with. */
    public static int simulatedUnit(TargetConnection connection) throws Exception {
        return connection.fetchUnits().get(30, TimeUnit.SECONDS).getUnitsList().stream()
                .filter(unit -> "sim".equals(unit.getStore()))
                .mapToInt(Unit::getUnit)
                .findFirst()
                .orElseThrow(() -> new IOException("the agent lists no unit with the simulated store"));
    }
}
