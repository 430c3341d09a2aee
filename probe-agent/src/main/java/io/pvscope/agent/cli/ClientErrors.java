package io.pvscope.agent.cli;

import io.pvscope.client.AgentFailure;
import java.io.PrintWriter;

/** How client commands report a failed RPC: one line naming the agent and what failed, exit 1. */
final class ClientErrors {

    private ClientErrors() {
    }

    static int report(PrintWriter err, String command, String target, Throwable e) {
        AgentFailure failure = AgentFailure.of(e);
        // The status first, as grpcurl prints it; then the agent's errno and message.
        String what = failure.reason().isPresent() ? failure.code() + ": " + failure.describe() : failure.describe();
        err.println("pvscope " + command + ": " + target + ": " + what);
        err.flush();
        return 1;
    }
}
