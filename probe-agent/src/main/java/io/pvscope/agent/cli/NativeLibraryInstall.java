package io.pvscope.agent.cli;

import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Copies the native libraries in the jar for this machine into a directory, once at installation, so that
 * no run unpacks them: JNA's into {@code DIR/jna} (the launchers point {@code jna.boot.library.path} there),
 * and gRPC's netty transport and TLS libraries into {@code DIR/netty} (the launchers' {@code java.library.path},
 * which netty tries before unpacking its own copy into the temporary directory at every start).
 * Usage: {@code java -cp pvscope-agent.jar io.pvscope.agent.cli.NativeLibraryInstall DIR}.
 */
public final class NativeLibraryInstall {

    /** Where the shaded netty in the jar keeps its libraries, and the prefix its relocation gives them. */
    private static final String NETTY_RESOURCES = "/META-INF/native/";
    private static final String NETTY_PREFIX = "libio_grpc_netty_shaded_";

    private NativeLibraryInstall() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: NativeLibraryInstall DIR");
            System.exit(2);
        }
        install(Path.of(args[0])).forEach(System.out::println);
    }

    /** Writes the libraries for this machine under {@code dir} and returns their paths. */
    static List<Path> install(Path dir) throws IOException {
        List<Path> installed = new ArrayList<>();
        installed.add(copied("/com/sun/jna/" + Platform.RESOURCE_PREFIX + "/" + System.mapLibraryName("jnidispatch"),
                dir.resolve("jna")));
        Optional<String> arch = nettyArch();
        if (arch.isPresent()) {
            // The names netty asks System.loadLibrary for first: the epoll transport, then BoringSSL for TLS.
            for (String library : List.of("netty_transport_native_epoll_", "netty_tcnative_linux_")) {
                installed.add(copied(NETTY_RESOURCES + NETTY_PREFIX + library + arch.get() + ".so",
                        dir.resolve("netty")));
            }
        }
        return installed;
    }

    /**
     * The architecture as netty names it in its libraries' file names, for the machines the jar has libraries
     * for; elsewhere netty uses its NIO transport and the JDK's TLS, as it would without this directory.
     */
    private static Optional<String> nettyArch() {
        if (!Platform.isLinux()) {
            return Optional.empty();
        }
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> Optional.of("x86_64");
            case "aarch64" -> Optional.of("aarch_64");
            default -> Optional.empty();
        };
    }

    /** Copies one resource into {@code dir} under its own name, replacing an older copy whole (by rename). */
    private static Path copied(String resource, Path dir) throws IOException {
        Files.createDirectories(dir);
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        Path target = dir.resolve(name);
        Path partial = dir.resolve(name + ".new");
        try (InputStream in = NativeLibraryInstall.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the jar has no " + resource + " for this machine");
            }
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }
}
