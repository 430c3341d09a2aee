package io.pvscope.agent.server;

import static io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING;
import static io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING;
import static io.grpc.MethodDescriptor.MethodType.UNARY;
import static io.grpc.stub.ServerCalls.asyncServerStreamingCall;
import static io.grpc.stub.ServerCalls.asyncUnaryCall;

import io.grpc.MethodDescriptor;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionProto;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.proto.v1.PvBusProto;

/**
 * The agent's PvBus and reflection services, each method bound at its first call
 * ({@link MethodsBoundAtFirstCall}): an agent that has only answered reads has loaded the messages of reads. Every
 * method of the contract is declared here; a test checks the list against the generated service.
 */
final class ServiceBindings {

    private static final String REFLECTION_INFO = "ServerReflectionInfo";

    private ServiceBindings() {
    }

    /** PvBus, each request checked for undecodable fields before {@code service} sees it. */
    static ServerServiceDefinition pvBus(PvBusService service) {
        return pvBusMethods(service).build();
    }

    static MethodsBoundAtFirstCall pvBusMethods(PvBusService service) {
        // Each binding names its messages' classes only in its body: they load when it runs.
        return new MethodsBoundAtFirstCall(PvBusGrpc.SERVICE_NAME, () -> PvBusProto.getDescriptor())
                .method("GetAgentInfo", UNARY,
                        () -> checked(PvBusGrpc.getGetAgentInfoMethod(), asyncUnaryCall(service::getAgentInfo)))
                .method("ListUnits", UNARY,
                        () -> checked(PvBusGrpc.getListUnitsMethod(), asyncUnaryCall(service::listUnits)))
                .method("GetDeviceTree", UNARY,
                        () -> checked(PvBusGrpc.getGetDeviceTreeMethod(), asyncUnaryCall(service::getDeviceTree)))
                .method("KvRead", UNARY,
                        () -> checked(PvBusGrpc.getKvReadMethod(), asyncUnaryCall(service::kvRead)))
                .method("KvWrite", UNARY,
                        () -> checked(PvBusGrpc.getKvWriteMethod(), asyncUnaryCall(service::kvWrite)))
                .method("KvDelete", UNARY,
                        () -> checked(PvBusGrpc.getKvDeleteMethod(), asyncUnaryCall(service::kvDelete)))
                .method("KvType", UNARY,
                        () -> checked(PvBusGrpc.getKvTypeMethod(), asyncUnaryCall(service::kvType)))
                .method("KvList", SERVER_STREAMING,
                        () -> checked(PvBusGrpc.getKvListMethod(), asyncServerStreamingCall(service::kvList)))
                .method("Watch", SERVER_STREAMING,
                        () -> checked(PvBusGrpc.getWatchMethod(), asyncServerStreamingCall(service::watch)))
                .method("ListDevices", UNARY,
                        () -> checked(PvBusGrpc.getListDevicesMethod(), asyncUnaryCall(service::listDevices)))
                .method("WatchDevices", SERVER_STREAMING, () -> checked(PvBusGrpc.getWatchDevicesMethod(),
                        asyncServerStreamingCall(service::watchDevices)));
    }

    /** gRPC's server reflection (v1), bound when a reflection client first asks. */
    static ServerServiceDefinition reflection() {
        return reflectionMethods().build();
    }

    static MethodsBoundAtFirstCall reflectionMethods() {
        String service = ServerReflectionGrpc.SERVICE_NAME;
        return new MethodsBoundAtFirstCall(service, () -> ServerReflectionProto.getDescriptor())
                .method(REFLECTION_INFO, BIDI_STREAMING, () -> ProtoReflectionServiceV1.newInstance().bindService()
                        .getMethod(MethodDescriptor.generateFullMethodName(service, REFLECTION_INFO)));
    }

    private static <Q, R> ServerMethodDefinition<Q, R> checked(MethodDescriptor<Q, R> method,
                                                               ServerCallHandler<Q, R> handler) {
        return UndecodableRequests.refusedAsInvalid(ServerMethodDefinition.create(method, handler));
    }
}
