package io.pvscope.agent.cli;

import io.pvscope.agent.bus.AgentBus;
import io.pvscope.agent.bus.Detection;
import io.pvscope.agent.bus.StoreBackends;
import io.pvscope.agent.bus.StoreDiscovery;
import io.pvscope.agent.bus.StoreSelection;
import io.pvscope.agent.fs.SystemRoot;
import io.pvscope.agent.server.AgentServer;
import io.pvscope.agent.server.Endpoint;
import io.pvscope.agent.server.WritePolicy;
import io.pvscope.agent.server.security.ConfigException;
import io.pvscope.agent.server.security.ConfigFile;
import io.pvscope.agent.server.security.SecurityConfig;
import io.pvscope.agent.server.security.ServerTls;
import io.pvscope.agent.server.security.Tokens;
import io.pvscope.client.AgentAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pvscope serve}: the gRPC agent. Secure by default: loopback only, read-only, and a non-loopback
 * address only with TLS and client certificates or a bearer token. SIGHUP reloads the configuration file.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = PvScopeCommand.Version.class,
        description = "Serve detection and the key/value stores over gRPC (health and reflection included).")
final class ServeCommand implements Callable<Integer> {

    static final String DEFAULT_LISTEN = "127.0.0.1:7393";
    static final String DEFAULT_SOCKET_MODE = "rw-rw----";

    /** Graceful shutdown lets running calls and streams finish for this long. */
    private static final long DRAIN_MILLIS = 5_000;
    /** The whole stop, draining included, never takes longer than this. */
    private static final long STOP_MILLIS = DRAIN_MILLIS + 10_000;

    /** Null when {@link ServeArguments} made this command without picocli. */
    @Spec
    private CommandSpec spec;

    // The fields are package-private for ServeArguments, which sets them as picocli would.
    @Mixin
    RootOption root = new RootOption();

    @Mixin
    StoreOptions stores = new StoreOptions();

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = DEFAULT_LISTEN,
            description = "TCP address to listen on (default: ${DEFAULT-VALUE}; port 0 picks a free one). "
                    + "A non-loopback address needs --tls-cert/--tls-key and --client-ca or tokens.")
    String listen = DEFAULT_LISTEN;

    @Option(names = "--socket", paramLabel = "PATH",
            description = "Also listen on this Unix socket (Linux); its callers are the local client.")
    Path socket;

    @Option(names = "--socket-mode", paramLabel = "MODE", defaultValue = DEFAULT_SOCKET_MODE,
            description = "The socket's permissions (default: ${DEFAULT-VALUE}): who may connect.")
    String socketMode = DEFAULT_SOCKET_MODE;

    @Option(names = "--allow-write", paramLabel = "PREFIX", arity = "1..*",
            completionCandidates = StoreBackends.Kinds.class,
            description = "Allow writes under PREFIX: 'PREFIX' (any unit), 'N:PREFIX' (unit N) or "
                    + "'KIND:PREFIX' (${COMPLETION-CANDIDATES}; 'sim:' = the whole store). "
                    + "Without it the agent is read-only.")
    List<String> allowWrite = new ArrayList<>();

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "The server's certificate chain (PEM).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The server's private key (PKCS#8 PEM).")
    Path tlsKey;

    @Option(names = "--client-ca", paramLabel = "PEM",
            description = "Accept client certificates signed by these CA certificates (mutual TLS).")
    Path clientCa;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Accept this bearer token (the file's first line; not readable by others).")
    Path tokenFile;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Clients with their read/write prefixes, limits and the audit file (YAML); "
                    + "SIGHUP reloads it.")
    Path configFile;

    @Override
    public Integer call() throws IOException, InterruptedException {
        return serve(prepared());
    }

    /** What the arguments ask for, checked and read, with nothing opened or bound yet. */
    record Prepared(SecurityConfig config, List<Endpoint> endpoints, StoreSelection stores, SystemRoot root) {
    }

    /**
     * Checks the arguments and reads the files they name (configuration, tokens, certificates); opens no store
     * and binds nothing, so that a usage error found here can be reported again by picocli as if first seen.
     */
    Prepared prepared() {
        SecurityConfig config = securityConfig();
        List<Endpoint> endpoints = endpoints(config);
        StoreSelection selection;
        try {
            selection = stores.selection();
        } catch (IllegalArgumentException e) {
            throw usage("--store: " + e.getMessage());
        }
        return new Prepared(config, endpoints, selection, root.systemRoot());
    }

    int serve(Prepared prepared) throws IOException, InterruptedException {
        DaemonLogFormat.install();
        Clock clock = Clock.systemUTC();
        StoreDiscovery.Result opened;
        try {
            opened = StoreOptions.open(prepared.stores());
        } catch (IllegalArgumentException e) {
            throw usage("--store: " + e.getMessage());
        }
        AgentBus bus = new AgentBus(new Detection(prepared.root(), clock), opened.stores(), opened.statuses());
        // The first detection runs beside the server's setup and binding, which never wait for it; health
        // says when it is done (AgentServer.start), and the first calls wait less.
        bus.detectAhead();
        AgentServer server = new AgentServer(prepared.endpoints(), bus, prepared.config(), System.err, clock).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "pvscope-shutdown"));
        // Always handled: the JVM's default for SIGHUP is to exit, and a packaged unit reloads with it.
        ReloadSignal.install(() -> reload(server));
        PrintWriter out = spec != null ? spec.commandLine().getOut() : new PrintWriter(System.out);
        // Tools that start the agent wait for this line to learn the port.
        InetSocketAddress bound = server.address();
        out.println("pvscope-agent: serving on " + bound.getHostString() + ":" + bound.getPort()
                + (tlsCert != null ? " (TLS)" : ""));
        server.sockets().forEach(path -> out.println("pvscope-agent: serving on unix:" + path));
        out.flush();
        server.awaitTermination();
        return 0;
    }

    /** The clients and their grants: from --config, or from --allow-write and --token-file. */
    private SecurityConfig securityConfig() {
        if (tlsCert == null != (tlsKey == null)) {
            throw usage("--tls-cert and --tls-key go together");
        }
        if (clientCa != null && tlsCert == null) {
            throw usage("--client-ca: client certificates need TLS (--tls-cert, --tls-key)");
        }
        if (configFile != null) {
            if (!allowWrite.isEmpty() || tokenFile != null) {
                throw usage("--config: give write prefixes and tokens in the configuration file, not as"
                        + " --allow-write or --token-file as well");
            }
            try {
                return checked(ConfigFile.load(configFile));
            } catch (ConfigException e) {
                throw usage("--config: " + e.getMessage());
            }
        }
        WritePolicy writes;
        try {
            writes = WritePolicy.of(allowWrite);
        } catch (IllegalArgumentException e) {
            throw usage("--allow-write: " + e.getMessage());
        }
        Optional<byte[]> token = Optional.empty();
        if (tokenFile != null) {
            try {
                token = Optional.of(Tokens.digestOfFile(tokenFile));
            } catch (IOException e) {
                throw usage("--token-file: " + e.getMessage());
            }
        }
        return SecurityConfig.fromFlags(writes, token, clientCa != null);
    }

    /** Cross-checks a configuration with the transport flags: true at start-up and on every reload. */
    private SecurityConfig checked(SecurityConfig config) throws ConfigException {
        if (config.access().acceptsCertificates() && clientCa == null) {
            throw new ConfigException(configFile + ": clients name certificate subjects, but serve has no"
                    + " --client-ca to verify certificates with");
        }
        if (tlsCert != null && !config.access().credentialsConfigured()) {
            throw new ConfigException(configFile + ": a TLS listener needs clients with token_file or subject");
        }
        return config;
    }

    private List<Endpoint> endpoints(SecurityConfig config) {
        InetSocketAddress address;
        try {
            address = AgentAddress.parseListen(listen).resolve();
        } catch (IllegalArgumentException e) {
            throw usage("--listen: " + e.getMessage());
        }
        List<Endpoint> endpoints = new ArrayList<>();
        boolean credentials = config.access().credentialsConfigured();
        if (tlsCert != null) {
            if (!credentials) {
                throw usage("--tls-cert: a TLS listener needs client authentication: --client-ca or --token-file");
            }
            endpoints.add(Endpoint.tls(address, new ServerTls(tlsCert, tlsKey, Optional.ofNullable(clientCa))));
        } else if (!address.getAddress().isLoopbackAddress()) {
            throw usage("--listen " + listen + ": refusing a non-loopback address without TLS: give"
                    + " --tls-cert/--tls-key and --client-ca or --token-file");
        } else {
            endpoints.add(Endpoint.plaintext(address));
        }
        if (socket != null) {
            try {
                endpoints.add(Endpoint.unixSocket(socket, PosixFilePermissions.fromString(socketMode)));
            } catch (IllegalArgumentException e) {
                throw usage("--socket-mode: expected e.g. rw-rw----, got '" + socketMode + "'");
            }
        }
        return endpoints;
    }

    private void reload(AgentServer server) {
        if (configFile == null) {
            System.err.println("pvscope-agent: SIGHUP: nothing to reload (started without --config); the running"
                    + " settings stay");
            return;
        }
        try {
            server.reload(checked(ConfigFile.load(configFile)));
            System.err.println("pvscope-agent: reloaded " + configFile);
        } catch (ConfigException | IOException | RuntimeException e) {
            System.err.println("pvscope-agent: reload refused, keeping the running configuration: "
                    + e.getMessage());
        }
    }

    /** A usage error; without picocli a plain one, which sends ServeArguments back to picocli to report it. */
    private RuntimeException usage(String message) {
        return ParameterErrors.of(spec, message);
    }

    /**
     * On SIGTERM: drains for {@link #DRAIN_MILLIS}, then cancels what is left. A stop that is itself stuck
     * (a store that never answers, a starved event loop) must not keep the agent alive: past
     * {@link #STOP_MILLIS} the process halts.
     */
    private static void stop(AgentServer server) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(STOP_MILLIS);
                System.err.println("pvscope-agent: stop did not finish within " + STOP_MILLIS + " ms; exiting");
                Runtime.getRuntime().halt(1);
            } catch (InterruptedException finished) {
                // Stopped in time.
            }
        }, "pvscope-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            server.stop(DRAIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            watchdog.interrupt();
        }
    }
}
