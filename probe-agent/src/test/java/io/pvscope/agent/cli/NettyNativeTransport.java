package io.pvscope.agent.cli;

import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.handler.ssl.OpenSsl;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Run in a child JVM by NativeLibraryInstallTest: prints what netty's native libraries give it, and what netty
 * unpacked into its work directory (kept until the JVM exits when netty is told not to delete it at once).
 */
final class NettyNativeTransport {

    private NettyNativeTransport() {
    }

    static final String WORKDIR = "io.grpc.netty.shaded.io.netty.native.workdir";
    static final String KEEP_UNPACKED = "io.grpc.netty.shaded.io.netty.native.deleteLibAfterLoading";

    public static void main(String[] args) throws IOException {
        System.out.println("epoll: " + Epoll.isAvailable()
                + (Epoll.isAvailable() ? "" : " (" + Epoll.unavailabilityCause() + ")"));
        System.out.println("tls: " + (OpenSsl.isAvailable() ? "OpenSSL " + OpenSsl.versionString()
                : "JDK (" + OpenSsl.unavailabilityCause() + ")"));
        System.out.println("server default: " + SslContext.defaultServerProvider());
        try (Stream<Path> unpacked = Files.list(Path.of(System.getProperty(WORKDIR)))) {
            System.out.println("unpacked: " + unpacked.map(file -> file.getFileName().toString()).sorted().toList());
        }
    }
}
