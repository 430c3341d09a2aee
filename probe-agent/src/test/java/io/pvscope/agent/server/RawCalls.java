package io.pvscope.agent.server;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.pvscope.client.RawBytes;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.proto.v1.WatchEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Calls to the agent's methods with requests given as raw bytes: a hand-made marshaller sends them as they
 * are, so a test can put what no generated client would (a string field that is not UTF-8, a truncated
 * varint, a field of the wrong wire type) in front of the server's decoder.
 */
final class RawCalls {

    /** The PvBus methods a client sends one request to, by index. */
    static final List<MethodDescriptor<?, ?>> METHODS = List.of(PvBusGrpc.getKvReadMethod(),
            PvBusGrpc.getKvWriteMethod(), PvBusGrpc.getKvDeleteMethod(), PvBusGrpc.getKvTypeMethod(),
            PvBusGrpc.getKvListMethod(), PvBusGrpc.getWatchMethod(), PvBusGrpc.getListUnitsMethod(),
            PvBusGrpc.getGetAgentInfoMethod());

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = RawBytes.MARSHALLER;

    private RawCalls() {
    }

    static MethodDescriptor<byte[], byte[]> raw(MethodDescriptor<?, ?> method) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(method.getType())
                .setFullMethodName(method.getFullMethodName())
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();
    }

    /**
     * Sends {@code request} to the method and returns the status it ended with: for a stream, once it ended,
     * or (a Watch) once its snapshot was complete, when it is cancelled and reported OK.
     */
    static Status call(Channel channel, MethodDescriptor<?, ?> method, byte[] request) {
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS);
        MethodDescriptor<byte[], byte[]> raw = raw(method);
        Context.CancellableContext context = Context.current().withCancellation();
        Context previous = context.attach();
        try {
            if (method.getType() == MethodDescriptor.MethodType.UNARY) {
                ClientCalls.blockingUnaryCall(channel, raw, options, request);
                return Status.OK;
            }
            Iterator<byte[]> responses = ClientCalls.blockingServerStreamingCall(channel, raw, options, request);
            while (responses.hasNext()) {
                byte[] response = responses.next();
                if (method.equals(PvBusGrpc.getWatchMethod()) && WatchEvent.parseFrom(response).hasSync()) {
                    return Status.OK;
                }
            }
            return Status.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            context.detach(previous);
            context.cancel(null);
        }
    }
}
