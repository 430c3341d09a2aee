package io.pvscope.agent.hostctl;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.client.AgentFailure;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.KvTypeRequest;
import io.pvscope.proto.v1.KvWriteRequest;
import io.pvscope.proto.v1.PvBusGrpc;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** hostctl against a remote agent: each ioctl is one RPC; the errno comes back in the ErrorInfo detail. */
public final class RemotePvbusAccess implements PvbusAccess {

    private final ManagedChannel channel;
    private final String target;
    private final Duration deadline;

    /** Each call ends after {@code deadline}: ETIMEDOUT, as for a driver that does not answer. */
    public RemotePvbusAccess(ManagedChannel channel, String target, Duration deadline) {
        this.channel = channel;
        this.target = target;
        this.deadline = deadline;
    }

    private PvBusGrpc.PvBusBlockingStub stub() {
        return PvBusGrpc.newBlockingStub(channel).withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
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

    /** The agent's errno when it sent one; otherwise the transport's failure, with what it saw. */
    private StoreException errnoOf(StatusRuntimeException e) {
        AgentFailure failure = AgentFailure.of(e);
        String message = failure.reason().isPresent() ? failure.description()
                : "agent at " + target + ": " + failure.describe();
        return new StoreException(Errno.byName(failure.errno()), message);
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
