package io.pvscope.core;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;

import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.pvscope.core.internal.UnaryCall;

/** Reads what the agent said about a failed call: the errno name it puts in the ErrorInfo detail. */
public final class StoreErrors {

    private StoreErrors() {
    }

    /** The errno name ("EACCES", "ENOENT"...) the agent reported, if the failure came from the agent. */
    public static Optional<String> errno(Throwable error) {
        com.google.rpc.Status status = StatusProto.fromThrowable(unwrap(error));
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

    /** One line for the user: "EACCES: write of 'x' is not allowed", or the gRPC status when there is no errno. */
    public static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        Optional<String> errno = errno(cause);
        String description = Status.fromThrowable(cause).getDescription();
        if (errno.isPresent()) {
            return description == null || description.startsWith(errno.get())
                    ? (description == null ? errno.get() : description)
                    : errno.get() + ": " + description;
        }
        return UnaryCall.describe(cause);
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
