package io.pvscope.agent.cli;

import io.grpc.ManagedChannel;
import io.pvscope.client.AgentAddress;
import io.pvscope.client.AgentChannels;
import io.pvscope.client.ChannelSettings;
import io.pvscope.client.TlsFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options that say how a client command reaches the agent: plaintext (loopback) or TLS 1.3, optionally
 * with a client certificate, optionally with a bearer token. The rules themselves are the client library's.
 */
final class ClientTransport {

    @Option(names = "--tls", description = "Use TLS (implied by --ca, --cert).")
    boolean tls;

    @Option(names = "--ca", paramLabel = "PEM", description = "Trust the agent's certificate if these CAs signed it"
            + " (default: the system's trust store).")
    Path ca;

    @Option(names = "--cert", paramLabel = "PEM", description = "Client certificate chain for mutual TLS.")
    Path cert;

    @Option(names = "--key", paramLabel = "PEM", description = "The client certificate's key (PKCS#8 PEM).")
    Path key;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Send the bearer token in FILE.")
    Path tokenFile;

    ManagedChannel open(String target) throws IOException {
        if (cert == null != (key == null)) {
            throw new IllegalArgumentException("--cert and --key go together");
        }
        ChannelSettings settings = ChannelSettings.plaintext();
        if (tls || ca != null || cert != null) {
            settings = settings.withTls(new TlsFiles(Optional.ofNullable(ca), Optional.ofNullable(cert),
                    Optional.ofNullable(key)));
        }
        if (tokenFile != null) {
            settings = settings.withToken(ChannelSettings.readToken(tokenFile));
        }
        return AgentChannels.open(AgentAddress.parse(target), settings);
    }
}
