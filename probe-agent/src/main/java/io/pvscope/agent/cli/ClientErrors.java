package io.pvscope.agent.cli;

import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;

/** How client commands report a failed RPC: one line naming the agent and the status, exit 1. */
final class ClientErrors {

    private ClientErrors() {
    }

    static int report(PrintWriter err, String command, String target, StatusRuntimeException e) {
        Throwable cause = e.getCause();
        String detail = e.getStatus().getDescription() != null ? e.getStatus().getDescription()
                : cause != null ? cause.getMessage() : "";
        err.println("pvscope " + command + ": " + target + ": " + e.getStatus().getCode() + ": " + detail);
        err.flush();
        return 1;
    }
}
