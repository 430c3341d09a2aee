package io.pvscope.agent.server;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A service whose methods are each bound at their first call: the method's generated descriptor, with its
 * messages' classes and marshallers, and its handler are made when a call to it first arrives. gRPC's generated
 * {@code bindService} makes them all when the server is built, which loads the message classes of the whole
 * contract into an agent that may only ever be asked for a few of them (a hostctl's reads).
 *
 * <p>Each method is declared by name and type, so that the server can route calls to it before it is bound;
 * binding checks that the definition it got is that method's.
 */
final class MethodsBoundAtFirstCall {

    private final String service;
    private final io.grpc.ServiceDescriptor.Builder descriptor;
    private final List<ServerMethodDefinition<Object, Object>> methods = new ArrayList<>();
    private final List<Binding> bindings = new ArrayList<>();

    /**
     * @param file the protobuf file that declares the service, for server reflection; asked for only when a
     *             reflection client asks
     */
    MethodsBoundAtFirstCall(String service, Supplier<FileDescriptor> file) {
        this.service = service;
        this.descriptor = io.grpc.ServiceDescriptor.newBuilder(service).setSchemaDescriptor(new Schema(service, file));
    }

    /**
     * Declares a method; {@code binding} makes its definition at the first call. It must mention the method's
     * message classes only inside its body (a method reference to a handler, for example), or they load when
     * this method is declared.
     */
    MethodsBoundAtFirstCall method(String name, MethodType type, Supplier<ServerMethodDefinition<?, ?>> binding) {
        String fullName = MethodDescriptor.generateFullMethodName(service, name);
        Binding bound = new Binding(fullName, type, binding);
        MethodDescriptor<Object, Object> method = MethodDescriptor.newBuilder(
                        new Deferred<>(bound, MethodDescriptor::getRequestMarshaller),
                        new Deferred<>(bound, MethodDescriptor::getResponseMarshaller))
                .setType(type)
                .setFullMethodName(fullName)
                .build();
        ServerCallHandler<Object, Object> handler =
                (call, headers) -> bound.definition().getServerCallHandler().startCall(call, headers);
        descriptor.addMethod(method);
        methods.add(ServerMethodDefinition.create(method, handler));
        bindings.add(bound);
        return this;
    }

    ServerServiceDefinition build() {
        ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(builder::addMethod);
        return builder.build();
    }

    /** Binds every declared method now, for tests: each binding's checks run as at a first call. */
    void bindAll() {
        bindings.forEach(Binding::definition);
    }

    /** One method's definition, made once, by the first call that needs it. */
    private static final class Binding {
        private final String fullName;
        private final MethodType type;
        private final Supplier<ServerMethodDefinition<?, ?>> binding;
        private volatile ServerMethodDefinition<Object, Object> definition;

        Binding(String fullName, MethodType type, Supplier<ServerMethodDefinition<?, ?>> binding) {
            this.fullName = fullName;
            this.type = type;
            this.binding = binding;
        }

        ServerMethodDefinition<Object, Object> definition() {
            ServerMethodDefinition<Object, Object> bound = definition;
            if (bound == null) {
                synchronized (this) {
                    bound = definition;
                    if (bound == null) {
                        bound = checked(binding.get());
                        definition = bound;
                    }
                }
            }
            return bound;
        }

        @SuppressWarnings("unchecked")
        private ServerMethodDefinition<Object, Object> checked(ServerMethodDefinition<?, ?> made) {
            MethodDescriptor<?, ?> method = made.getMethodDescriptor();
            if (!method.getFullMethodName().equals(fullName) || method.getType() != type) {
                throw new IllegalStateException("declared " + type + " " + fullName + " was bound to "
                        + method.getType() + " " + method.getFullMethodName());
            }
            return (ServerMethodDefinition<Object, Object>) made;
        }
    }

    /** A marshaller that is the bound method's own: the binding holds it once the method is bound. */
    private static final class Deferred<T> implements MethodDescriptor.Marshaller<T> {
        private final Binding binding;
        private final Function<MethodDescriptor<Object, Object>, MethodDescriptor.Marshaller<Object>> which;

        Deferred(Binding binding,
                 Function<MethodDescriptor<Object, Object>, MethodDescriptor.Marshaller<Object>> which) {
            this.binding = binding;
            this.which = which;
        }

        @SuppressWarnings("unchecked")
        private MethodDescriptor.Marshaller<T> marshaller() {
            return (MethodDescriptor.Marshaller<T>) which.apply(binding.definition().getMethodDescriptor());
        }

        @Override
        public InputStream stream(T value) {
            return marshaller().stream(value);
        }

        @Override
        public T parse(InputStream stream) {
            return marshaller().parse(stream);
        }
    }

    /** What server reflection reads of a service: its protobuf file, loaded when reflection asks. */
    private static final class Schema implements ProtoServiceDescriptorSupplier {
        private final String service;
        private final Supplier<FileDescriptor> file;

        Schema(String service, Supplier<FileDescriptor> file) {
            this.service = service;
            this.file = file;
        }

        @Override
        public FileDescriptor getFileDescriptor() {
            return file.get();
        }

        @Override
        public ServiceDescriptor getServiceDescriptor() {
            return file.get().findServiceByName(service.substring(service.lastIndexOf('.') + 1));
        }
    }
}
