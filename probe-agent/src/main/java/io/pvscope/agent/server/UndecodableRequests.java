package io.pvscope.agent.server;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A request the protobuf decoder refuses (a string field that is not UTF-8, a truncated field) is the
 * client's error: INVALID_ARGUMENT saying why. gRPC itself would end such a call with UNKNOWN ("Application
 * error processing RPC"), as if the agent had failed. The decoder here cannot fail: it hands the service a
 * request marked as undecodable, and the interceptor closes that call before the service sees it.
 */
final class UndecodableRequests {

    /** The largest field number protobuf allows: no PvBus message will use it. */
    private static final int MARK = (1 << 29) - 1;

    private UndecodableRequests() {
    }

    /** The method with its request decoder replaced, and the check in front of it. */
    @SuppressWarnings("unchecked")
    static <Q, R> ServerMethodDefinition<Q, R> refusedAsInvalid(ServerMethodDefinition<Q, R> method) {
        MethodDescriptor<Q, R> descriptor = method.getMethodDescriptor();
        if (!(descriptor.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> proto)
                || !(proto.getMessagePrototype() instanceof Message prototype)) {
            return method;
        }
        MethodDescriptor.Marshaller<Q> lenient = (MethodDescriptor.Marshaller<Q>) new Lenient(prototype);
        MethodDescriptor<Q, R> replaced = descriptor.toBuilder(lenient, descriptor.getResponseMarshaller()).build();
        ServerCallHandler<Q, R> handler = method.getServerCallHandler();
        return ServerMethodDefinition.create(replaced, (call, headers) -> checked(call, headers, handler));
    }

    private static <Q, R> ServerCall.Listener<Q> checked(ServerCall<Q, R> call, Metadata headers,
                                                          ServerCallHandler<Q, R> next) {
        ServerCall.Listener<Q> listener = next.startCall(call, headers);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            private boolean refused;

            @Override
            public void onMessage(Q message) {
                String why = message instanceof Message m && m.getUnknownFields().hasField(MARK)
                        ? m.getUnknownFields().getField(MARK).getLengthDelimitedList().get(0)
                        .toString(StandardCharsets.UTF_8) : null;
                if (why == null) {
                    super.onMessage(message);
                    return;
                }
                refused = true;
                call.close(Status.INVALID_ARGUMENT.withDescription("the request cannot be decoded: " + why),
                        new Metadata());
            }

            @Override
            public void onHalfClose() {
                if (!refused) {
                    super.onHalfClose();
                }
            }
        };
    }

    /** Decodes as gRPC's protobuf marshaller does; on failure, an empty request carrying the reason. */
    private static final class Lenient implements MethodDescriptor.PrototypeMarshaller<Message> {
        private final Message prototype;
        private final MethodDescriptor.Marshaller<Message> strict;

        Lenient(Message prototype) {
            this.prototype = prototype;
            this.strict = ProtoUtils.marshaller(prototype);
        }

        @Override
        public Message getMessagePrototype() {
            return prototype;
        }

        @Override
        public Class<Message> getMessageClass() {
            @SuppressWarnings("unchecked")
            Class<Message> type = (Class<Message>) prototype.getClass();
            return type;
        }

        @Override
        public InputStream stream(Message value) {
            return strict.stream(value);
        }

        @Override
        public Message parse(InputStream stream) {
            try {
                return strict.parse(stream);
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
                return prototype.toBuilder().setUnknownFields(UnknownFieldSet.newBuilder().addField(MARK,
                        UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8(why)).build())
                        .build()).build();
            }
        }
    }
}
