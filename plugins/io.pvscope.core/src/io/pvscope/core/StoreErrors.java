package io.pvscope.core;

import java.util.Optional;

import io.pvscope.client.AgentFailure;

/** Reads what the agent said about a failed call: the errno name it puts in the ErrorInfo detail. */
public final class StoreErrors {

    private StoreErrors() {
    }

    /** The errno name ("EACCES", "ENOENT"...) the agent reported, if the failure came from the agent. */
    public static Optional<String> errno(Throwable error) {
        return AgentFailure.of(error).reason();
    }

    /** One line for the user: "EACCES: write of 'x' is not allowed", or the gRPC status when there is no errno. */
    public static String describe(Throwable error) {
        return AgentFailure.of(error).describe();
    }
}
