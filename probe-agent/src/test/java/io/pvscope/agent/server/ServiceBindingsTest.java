package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.StringValue;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Server;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.proto.v1.PvBusGrpc;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Services whose methods are bound at their first call: complete, bound once and only when called, checked. */
class ServiceBindingsTest {

    @Test
    void pvBusDeclaresEveryMethodOfTheContractWithItsType() throws Exception {
        try (RunningAgent agent = new RunningAgent(FakeRoots.root("kvm-hyperv"), List.of(), WritePolicy.none())) {
            assertThat(shapes(ServiceBindings.pvBus(agent.server.service()).getServiceDescriptor()))
                    .isEqualTo(shapes(PvBusGrpc.getServiceDescriptor()))
                    .hasSize(11);
            // Each binding gives the method it is declared as (name and type), or this throws.
            ServiceBindings.pvBusMethods(agent.server.service()).bindAll();
            // Written out where the generated descriptor would load the method's messages.
            assertThat(ReadsWhereTheyArrive.KV_READ).isEqualTo(PvBusGrpc.getKvReadMethod().getFullMethodName());
        }
    }

    @Test
    void reflectionDeclaresItsOneMethodAndBindsIt() {
        assertThat(shapes(ServiceBindings.reflection().getServiceDescriptor()))
                .isEqualTo(shapes(ServerReflectionGrpc.getServiceDescriptor()));
        ServiceBindings.reflectionMethods().bindAll();
    }

    @Test
    void aMethodIsBoundOnceAtItsFirstCallAndAnUncalledOneNever() throws Exception {
        AtomicInteger echoBound = new AtomicInteger();
        AtomicInteger otherBound = new AtomicInteger();
        MethodsBoundAtFirstCall lazy = new MethodsBoundAtFirstCall("test.Lazy", () -> StringValue.getDescriptor()
                .getFile())
                .method("Echo", MethodType.UNARY, () -> {
                    echoBound.incrementAndGet();
                    return echo("Echo");
                })
                .method("Other", MethodType.UNARY, () -> {
                    otherBound.incrementAndGet();
                    return echo("Other");
                });
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(lazy.build()).build().start();
        ManagedChannel channel = NettyChannelBuilder.forAddress((InetSocketAddress) server.getListenSockets().get(0))
                .usePlaintext().build();
        try {
            assertThat(echoBound).hasValue(0);
            assertThat(call(channel, "Echo", "one")).isEqualTo("Echo: one");
            assertThat(call(channel, "Echo", "two")).isEqualTo("Echo: two");

            assertThat(echoBound).hasValue(1);
            assertThat(otherBound).hasValue(0);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBindingThatGivesAnotherMethodIsRefused() {
        MethodsBoundAtFirstCall misdeclared = new MethodsBoundAtFirstCall("test.Lazy", () -> StringValue
                .getDescriptor().getFile())
                .method("Echo", MethodType.SERVER_STREAMING, () -> echo("Echo"));

        assertThatThrownBy(misdeclared::bindAll)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("declared SERVER_STREAMING test.Lazy/Echo was bound to UNARY test.Lazy/Echo");
    }

    private static Set<String> shapes(ServiceDescriptor service) {
        return service.getMethods().stream().map(method -> method.getType() + " " + method.getFullMethodName())
                .collect(Collectors.toSet());
    }

    private static MethodDescriptor<StringValue, StringValue> method(String name) {
        return MethodDescriptor.newBuilder(ProtoUtils.marshaller(StringValue.getDefaultInstance()),
                        ProtoUtils.marshaller(StringValue.getDefaultInstance()))
                .setType(MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName("test.Lazy", name))
                .build();
    }

    private static ServerMethodDefinition<?, ?> echo(String name) {
        return ServerMethodDefinition.create(method(name), ServerCalls.asyncUnaryCall((request, response) -> {
            response.onNext(StringValue.of(name + ": " + request.getValue()));
            response.onCompleted();
        }));
    }

    private static String call(ManagedChannel channel, String name, String value) {
        return ClientCalls.blockingUnaryCall(channel, method(name),
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), StringValue.of(value)).getValue();
    }
}
