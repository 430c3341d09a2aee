package io.pvscope.bench.baseline;

import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.pvscope.proto.v1.KvListRequest;
import io.pvscope.proto.v1.KvListResponse;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.KvReadResponse;

/**
 * The bare server's methods. They carry the agent's own message types, so the bytes on the wire and the
 * (de)serialisation are the same on both sides: the difference measured is the agent's work alone.
 */
public final class BareMethods {

    public static final String SERVICE = "pvscope.bench.Bare";

    /** Answers a KvReadRequest with the value the seeded store holds, without any store. */
    public static final MethodDescriptor<KvReadRequest, KvReadResponse> READ =
            MethodDescriptor.<KvReadRequest, KvReadResponse>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Read"))
                    .setRequestMarshaller(ProtoUtils.marshaller(KvReadRequest.getDefaultInstance()))
                    .setResponseMarshaller(ProtoUtils.marshaller(KvReadResponse.getDefaultInstance()))
                    .build();

    /** Streams {@code unit} seeded entries (the field is reused as the count) in pages as KvList does. */
    public static final MethodDescriptor<KvListRequest, KvListResponse> LIST =
            MethodDescriptor.<KvListRequest, KvListResponse>newBuilder()
                    .setType(MethodDescriptor.MethodType.SERVER_STREAMING)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "List"))
                    .setRequestMarshaller(ProtoUtils.marshaller(KvListRequest.getDefaultInstance()))
                    .setResponseMarshaller(ProtoUtils.marshaller(KvListResponse.getDefaultInstance()))
                    .build();

    private BareMethods() {
    }
}
