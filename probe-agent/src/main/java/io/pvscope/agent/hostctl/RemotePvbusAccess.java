package io.pvscope.agent.hostctl;

import com.google.protobuf.ByteString;
import com.google.rpc.ErrorInfo;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.KvTypeRequest;
import io.pvscope.proto.v1.KvWriteRequest;
import io.pvscope.proto.v1.PvBusGrpc;
import java.util.concurrent.TimeUnit;

/** hostctl against a remote agent: each ioctl is one RPC; the errno comes back in the ErrorInfo detail. */
public final class RemotePvbusAccess implements PvbusAccess {

    private static final long DEADLINE_SECONDS = 10;

    private final ManagedChannel channel;
    private final String target;

    public RemotePvbusAccess(ManagedChannel channel, String target) {
        this.channel = channel;
        this.target = target;
    }

    private PvBusGrpc.PvBusBlockingStub stub() {
        return PvBusGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void open(int unit) throws StoreException {
        type(unit);
    }

    @Override
    public String type(int unit) throws StoreException {
        try {
            return stub().kvType(KvTypeRequest.newBuilder().setUnit(unit).build()).getType();
        } catch (StatusRuntimeException e) {
            throw errnoOf(e);
        }
    }

    @Override
    public byte[] read(int unit, String key) throws StoreException {
        try {
            return stub().kvRead(KvReadRequest.newBuilder().setUnit(unit).setKey(key).build())
                    .getValue().toByteArray();
        } catch (StatusRuntimeException e) {
            throw errnoOf(e);
        }
    }

    @Override
    public byte[] write(int unit, String key, byte[] value) throws StoreException {
        try {
            return stub().kvWrite(KvWriteRequest.newBuilder().setUnit(unit).setKey(key)
                    .setValue(ByteString.copyFrom(value)).build()).getValue().toByteArray();
        } catch (StatusRuntimeException e) {
            throw errnoOf(e);
        }
    }

    /** The agent's errno when it sent one; otherwise the transport's failure, as EIO with its description. */
    private StoreException errnoOf(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        if (status != null) {
            for (var detail : status.getDetailsList()) {
                if (detail.is(ErrorInfo.class)) {
                    try {
                        ErrorInfo info = detail.unpack(ErrorInfo.class);
                        if (!info.getReason().equals("LIMIT_EXCEEDED")) {
                            return new StoreException(Errno.byName(info.getReason()), e.getStatus().getDescription());
                        }
                        return new StoreException(Errno.E2BIG, e.getStatus().getDescription());
                    } catch (com.google.protobuf.InvalidProtocolBufferException ignored) {
                        // fall through to the status code
                    }
                }
            }
        }
        Status.Code code = e.getStatus().getCode();
        Errno errno = switch (code) {
            case DEADLINE_EXCEEDED -> Errno.ETIMEDOUT;
            case PERMISSION_DENIED, UNAUTHENTICATED -> Errno.EACCES;
            default -> Errno.EIO;
        };
        Throwable cause = e.getCause();
        String why = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getStatus().getDescription();
        return new StoreException(errno, "agent at " + target + ": " + why);
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
