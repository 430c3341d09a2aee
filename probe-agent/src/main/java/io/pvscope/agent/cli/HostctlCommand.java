package io.pvscope.agent.cli;

import io.pvscope.agent.bus.AgentBus;
import io.pvscope.agent.bus.Detection;
import io.pvscope.agent.fs.SystemRoot;
import io.pvscope.agent.hostctl.Hostctl;
import io.pvscope.agent.hostctl.LocalPvbusAccess;
import io.pvscope.agent.hostctl.PvbusAccess;
import io.pvscope.agent.hostctl.RemotePvbusAccess;
import io.pvscope.client.CallDeadline;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hostctl}: OpenBSD's hostctl(8), on this guest's stores or, with -H, on a remote agent's.
 * Options must come before the key, as with getopt(3): {@code hostctl key -q} writes "-q".
 */
@Command(name = "hostctl", usageHelpAutoWidth = true,
        description = "Display or modify the host's key/value store, as OpenBSD's hostctl(8).",
        footer = {"", "Exit status: 0 on success, 1 on any failure."})
public final class HostctlCommand implements Callable<Integer> {

    @Option(names = "-q", description = "Do not print the value.")
    boolean quiet;

    @Option(names = "-t", description = "Print the hypervisor type of the device and exit.")
    boolean type;

    @Option(names = "-f", paramLabel = "device", description = "Device to use (default /dev/pvbus0).")
    String device = "/dev/pvbus0";

    @Option(names = "-i", paramLabel = "input", description = "Write the value read from file input ('-': stdin).")
    String input;

    @Option(names = "-o", paramLabel = "output", description = "Write the output to file output ('-': stdout).")
    String output;

    @Option(names = "-H", paramLabel = "host:port", description = "Use the agent at host:port (or unix:/path)"
            + " instead of this guest.")
    private String remote;

    @Mixin
    private ClientTransport transport;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Mixin
    private StoreOptions stores = new StoreOptions();

    @Parameters(paramLabel = "key [value]", arity = "0..*", description = "The key, and the value to write.")
    List<String> operands = new ArrayList<>();

    private final PvbusAccess givenAccess;
    private final InputStream stdin;
    private final PrintStream stdout;
    private final PrintStream stderr;

    public HostctlCommand() {
        this(null, System.in, System.out, System.err);
    }

    /** With the units and stores given, and the process's streams replaced: for embedding and tests. */
    public HostctlCommand(PvbusAccess access, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        this.givenAccess = access;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Where usage errors go: the stream this command was given for errors. */
    PrintStream stderr() {
        return stderr;
    }

    /** The stores a local hostctl opens, for {@link HostctlArguments} to name them. */
    StoreOptions stores() {
        return stores;
    }

    /** What was parsed into this command, for comparing two parses of the same arguments. */
    String parsed() {
        return "device=" + device + " input=" + input + " output=" + output + " quiet=" + quiet + " type=" + type
                + " remote=" + remote + " stores=" + stores.stores + " " + stores.named + " operands=" + operands;
    }

    @Override
    public Integer call() throws Exception {
        Charset argumentCharset = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        List<byte[]> rawOperands = operands.stream().map(o -> o.getBytes(argumentCharset)).toList();
        Hostctl.Request request = new Hostctl.Request(device, Optional.ofNullable(input),
                Optional.ofNullable(output), quiet, type, rawOperands);
        if (givenAccess != null) {
            return new Hostctl(givenAccess, new LocalFiles(), stdin, stdout, stderr).run(request);
        }
        try (PvbusAccess access = access()) {
            return new Hostctl(access, new LocalFiles(), stdin, stdout, stderr).run(request);
        }
    }

    private PvbusAccess access() throws java.io.IOException {
        if (remote != null) {
            return new RemotePvbusAccess(transport.open(remote), remote, CallDeadline.fromEnvironment(System.getenv()));
        }
        var opened = stores.open();
        return new LocalPvbusAccess(new AgentBus(new Detection(SystemRoot.live(), Clock.systemUTC()), opened.stores()));
    }

    /** Files as fopen(3) opens them: "w" truncates or creates. */
    private static final class LocalFiles implements Hostctl.Files {
        @Override
        public OutputStream create(String path) throws java.io.IOException {
            return new PrintStream(Files.newOutputStream(Path.of(path)), false);
        }

        @Override
        public InputStream open(String path) throws java.io.IOException {
            return Files.newInputStream(Path.of(path));
        }
    }
}
