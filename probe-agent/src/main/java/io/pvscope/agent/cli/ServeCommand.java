package io.pvscope.agent.cli;

import io.pvscope.agent.bus.AgentBus;
import io.pvscope.agent.detect.Detection;
import io.pvscope.agent.server.AgentLimits;
import io.pvscope.agent.server.AgentServer;
import io.pvscope.agent.server.WritePolicy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pvscope serve}: the gRPC agent. Loopback only until TLS and authentication are configured. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve detection and the key/value stores over gRPC (health and reflection included).")
final class ServeCommand implements Callable<Integer> {

    /** Graceful shutdown lets running calls and streams finish for this long. */
    private static final long DRAIN_MILLIS = 5_000;

    @Spec
    private CommandSpec spec;

    @Mixin
    private RootOption root;

    @Mixin
    private StoreOptions stores;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7393",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; port 0 picks a free one).")
    private String listen;

    @Option(names = "--allow-write", paramLabel = "PREFIX", arity = "1..*",
            description = "Allow writes under PREFIX: 'PREFIX' (any unit), 'N:PREFIX' (unit N) or "
                    + "'KIND:PREFIX' (sim, xenstore, kvp, guestinfo, pvbus; 'sim:' = the whole store). "
                    + "Without it the agent is read-only.")
    private List<String> allowWrite = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        InetSocketAddress address = bindAddress();
        WritePolicy writePolicy = writePolicy();
        Clock clock = Clock.systemUTC();
        AgentBus bus;
        try {
            var opened = stores.open();
            bus = new AgentBus(new Detection(root.systemRoot(), clock), opened.stores(), opened.statuses());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--store: " + e.getMessage());
        }
        bus.refresh();
        AgentServer server = new AgentServer(address, bus, AgentLimits.DEFAULTS, writePolicy, System.err, clock)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "pvscope-shutdown"));
        InetSocketAddress bound = server.address();
        // Tools that start the agent wait for this line to learn the port.
        spec.commandLine().getOut().println("pvscope-agent: serving on " + bound.getHostString() + ":" + bound.getPort());
        spec.commandLine().getOut().flush();
        server.awaitTermination();
        return 0;
    }

    private WritePolicy writePolicy() {
        try {
            return WritePolicy.of(allowWrite);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--allow-write: " + e.getMessage());
        }
    }

    private InetSocketAddress bindAddress() {
        InetSocketAddress address;
        try {
            address = ListenAddress.parse(listen);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--listen: " + e.getMessage());
        }
        if (!address.getAddress().isLoopbackAddress()) {
            throw new ParameterException(spec.commandLine(), "--listen " + listen
                    + ": refusing a non-loopback address: it needs TLS and client authentication,"
                    + " which this version does not offer yet");
        }
        return address;
    }

    private static void stop(AgentServer server) {
        try {
            server.stop(DRAIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
