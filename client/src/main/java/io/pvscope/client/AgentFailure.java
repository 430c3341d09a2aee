package io.pvscope.client;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What a failed call tells the client: the gRPC status and, when the agent itself refused, the reason it
 * put in the ErrorInfo detail (an errno name such as {@code ENOENT}, or {@code LIMIT_EXCEEDED}).
 *
 * @param code        the gRPC status code
 * @param reason      the agent's ErrorInfo reason; empty when the failure did not come from the agent
 * @param description the status description, or the transport's own message
 */
public record AgentFailure(Status.Code code, Optional<String> reason, String description) {

    /** The reason the agent gives when a request exceeds one of its limits. */
    public static final String LIMIT_EXCEEDED = "LIMIT_EXCEEDED";

    /** Reads a failure out of a call's exception (unwrapping futures' wrappers). */
    public static AgentFailure of(Throwable error) {
        Throwable cause = unwrap(error);
        Status status = Status.fromThrowable(cause);
        String description = status.getDescription();
        if (description == null && status.getCode() == Status.Code.UNKNOWN && status.getCause() == null) {
            // Not a gRPC failure at all.
            description = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        }
        Throwable transport = status.getCause();
        if (transport != null && transport.getMessage() != null) {
            description = description == null ? transport.getMessage()
                    : description + " (" + transport.getMessage() + ")";
        }
        description = description == null ? "" : description;
        return new AgentFailure(status.getCode(), reasonOf(cause), description);
    }

    /**
     * The POSIX errno this failure stands for, as hostctl(8) would report it: the agent's own when it sent
     * one (a limit exceeded is E2BIG), else ETIMEDOUT for a missed deadline, EACCES for a refused
     * credential, and EIO for anything the transport says.
     */
    public String errno() {
        if (reason.isPresent()) {
            return reason.get().equals(LIMIT_EXCEEDED) ? "E2BIG" : reason.get();
        }
        return switch (code) {
            case DEADLINE_EXCEEDED -> "ETIMEDOUT";
            case PERMISSION_DENIED, UNAUTHENTICATED -> "EACCES";
            default -> "EIO";
        };
    }

    /**
     * One line for the user: "ENOENT: no such key 'x'" when the agent named an errno, else the status and
     * the transport's message, e.g. "UNAVAILABLE: io exception (Connection refused: /127.0.0.1:7393)".
     */
    public String describe() {
        if (reason.isPresent()) {
            return description.startsWith(reason.get()) ? description : reason.get() + ": " + description;
        }
        if (description.isEmpty()) {
            return code.name();
        }
        return code == Status.Code.UNKNOWN ? description : code.name() + ": " + description;
    }

    private static Optional<String> reasonOf(Throwable cause) {
        com.google.rpc.Status status = StatusProto.fromThrowable(cause);
        if (status == null) {
            return Optional.empty();
        }
        for (Any detail : status.getDetailsList()) {
            if (detail.is(ErrorInfo.class)) {
                try {
                    String reason = detail.unpack(ErrorInfo.class).getReason();
                    if (!reason.isEmpty()) {
                        return Optional.of(reason);
                    }
                } catch (InvalidProtocolBufferException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
