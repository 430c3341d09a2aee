package io.pvscope.agent.server;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.pvscope.proto.v1.PvBusGrpc;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Runs KvRead on the network thread that read the request once the first detection is done, instead of
 * handing every read to an application thread and back: a read's checks are computed from memory, and
 * {@link KvRpcs.CheckedRead#startedWithoutWaiting} starts the store's answer only when nothing has to be
 * waited for (else the read moves to a backend thread). Nothing on that path may block: audit lines are
 * written by their own thread ({@link AuditWriter}), and the system's user and group files are read only
 * when they change. Every other call, and a read before the first detection (its checks wait for it), runs
 * on the application executor.
 *
 * <p>The server's own executor is the direct one: gRPC looks a call's method up, and asks this supplier,
 * on the server's executor before the call moves to the one supplied, so any other server executor would
 * cost every read a hop to one of its threads and back for the lookup alone.
 */
final class ReadsWhereTheyArrive implements ServerCallExecutorSupplier {

    /** KvRead's name, written out: the generated descriptor would load KvRead's messages with it. */
    static final String KV_READ = MethodDescriptor.generateFullMethodName(PvBusGrpc.SERVICE_NAME, "KvRead");

    private final BooleanSupplier detected;
    private final Executor application;

    ReadsWhereTheyArrive(BooleanSupplier detected, Executor application) {
        this.detected = detected;
        this.application = application;
    }

    @Override
    public <ReqT, RespT> Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata headers) {
        if (KV_READ.equals(call.getMethodDescriptor().getFullMethodName()) && detected.getAsBoolean()) {
            return Runnable::run;
        }
        return application;
    }
}
