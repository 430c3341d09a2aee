package io.pvscope.agent.server;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import java.util.List;
import java.util.Map;

/**
 * The gRPC edge of errno: a status code chosen per errno (the table in pvbus.proto's header), with the errno
 * name in an ErrorInfo detail.
 */
public final class ErrorStatuses {

    public static final String DOMAIN = "pvscope.io";

    private ErrorStatuses() {
    }

    public static Status.Code codeOf(Errno errno) {
        return switch (errno) {
            case ENOENT -> Status.Code.NOT_FOUND;
            case EACCES, EPERM, EROFS -> Status.Code.PERMISSION_DENIED;
            case EINVAL, EFAULT -> Status.Code.INVALID_ARGUMENT;
            case E2BIG, ERANGE, ENAMETOOLONG, EMSGSIZE -> Status.Code.OUT_OF_RANGE;
            case ENXIO, ENODEV, EISDIR, ENOTEMPTY -> Status.Code.FAILED_PRECONDITION;
            case EAGAIN -> Status.Code.ABORTED;
            case EIO, EBUSY, EISCONN -> Status.Code.UNAVAILABLE;
            case ETIMEDOUT -> Status.Code.DEADLINE_EXCEEDED;
            case EEXIST -> Status.Code.ALREADY_EXISTS;
            case EOPNOTSUPP, ENOSYS, ENOTTY -> Status.Code.UNIMPLEMENTED;
            case ENOSPC, ENOMEM -> Status.Code.RESOURCE_EXHAUSTED;
        };
    }

    public static StatusRuntimeException of(StoreException e) {
        return of(e.errno(), e.getMessage());
    }

    public static StatusRuntimeException of(Errno errno, String message) {
        return StatusDetails.error(codeOf(errno), errno.name() + ": " + message, errno.name(), DOMAIN,
                List.of(Map.entry("errno", String.valueOf(errno.openbsdNumber())), Map.entry("strerror", errno.text())));
    }

    /** A limit was exceeded: {@code code}, reason LIMIT_EXCEEDED, the limit named in the metadata. */
    public static StatusRuntimeException limit(Status.Code code, String limit, String message) {
        return StatusDetails.error(code, message, "LIMIT_EXCEEDED", DOMAIN, List.of(Map.entry("limit", limit)));
    }

    /** How a call ends when it fails: the errno's status, the status already chosen, else INTERNAL. */
    static StatusRuntimeException failure(Exception e) {
        if (e instanceof StoreException store) {
            return of(store);
        }
        if (e instanceof StatusRuntimeException status) {
            return status;
        }
        return Status.INTERNAL.withDescription(e.toString()).asRuntimeException();
    }
}
