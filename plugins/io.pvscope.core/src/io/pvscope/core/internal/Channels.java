package io.pvscope.core.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import io.grpc.ManagedChannel;
import io.pvscope.client.AgentAddress;
import io.pvscope.client.AgentChannels;
import io.pvscope.client.ChannelSettings;
import io.pvscope.client.TlsFiles;
import io.pvscope.core.Target;
import io.pvscope.core.TargetSecurity;

/**
 * Opens a target's channel through the client library. Inside OSGi gRPC's load-balancing policies (the
 * default "pick_first" among them) must be handed to its registry first, see {@link BundledLoadBalancers}.
 */
public final class Channels {

    static {
        BundledLoadBalancers.register();
    }

    private Channels() {
    }

    /**
     * A channel as the target's security says, sending {@code token} with every call. Resolves the host on
     * the calling thread.
     *
     * @throws IOException when a certificate or key file cannot be read
     * @throws IllegalArgumentException when a token would travel in plaintext off this machine
     */
    public static ManagedChannel open(Target target, Optional<String> token) throws IOException {
        ChannelSettings settings = ChannelSettings.plaintext();
        TargetSecurity security = target.security();
        if (security.tls()) {
            settings = settings.withTls(new TlsFiles(path(security.caFile()), path(security.certFile()),
                    path(security.keyFile())));
        }
        if (token.isPresent()) {
            settings = settings.withToken(token.get());
        }
        return AgentChannels.open(AgentAddress.tcp(target.host(), target.port()), settings);
    }

    private static Optional<Path> path(String file) {
        return file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file));
    }
}
