package io.pvscope.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The libraries copied out once are the ones JNA and netty load when pointed at them, and nothing is unpacked. */
class NativeLibraryInstallTest {

    @TempDir
    Path dir;

    @Test
    void jnaLoadsTheInstalledLibraryWithoutUnpacking() throws Exception {
        Path installed = NativeLibraryInstall.install(dir).get(0);
        assertThat(installed).isRegularFile().hasParent(dir.resolve("jna"));
        assertThat(Files.size(installed)).isPositive();

        String output = childOutput(List.of("-Djna.boot.library.path=" + installed.getParent(), "-Djna.nounpack=true",
                "-Djna.debug_load.jna=true"), "com.sun.jna.Native");

        assertThat(output).contains("Found jnidispatch at " + installed);
    }

    @Test
    void nettyLoadsItsInstalledLibrariesWithoutUnpackingThem() throws Exception {
        List<Path> installed = NativeLibraryInstall.install(dir);
        assertThat(installed).hasSize(3);
        assertThat(installed.subList(1, 3)).allSatisfy(library -> assertThat(library).isRegularFile()
                .hasParent(dir.resolve("netty")));

        String output = childOutput(unpackingSeen(dir.resolve("netty")), NettyNativeTransport.class.getName());

        assertThat(output).contains("epoll: true", "tls: OpenSSL", "unpacked: []");
    }

    /** The control: without the installed libraries, netty unpacks both into its work directory. */
    @Test
    void withoutThemNettyUnpacksItsOwnCopies() throws Exception {
        String output = childOutput(unpackingSeen(dir.resolve("nothing-here")), NettyNativeTransport.class.getName());

        assertThat(output).contains("epoll: true", "tls: OpenSSL",
                "unpacked: [libio_grpc_netty_shaded_netty_tcnative_linux_",
                ", libio_grpc_netty_shaded_netty_transport_native_epoll_");
    }

    /** The libraries looked for in {@code libraryPath}, and a work directory whose unpacked files stay until exit. */
    private List<String> unpackingSeen(Path libraryPath) throws IOException {
        Path workdir = Files.createDirectory(dir.resolve("workdir"));
        return List.of("-Djava.library.path=" + libraryPath, "-D" + NettyNativeTransport.WORKDIR + "=" + workdir,
                "-D" + NettyNativeTransport.KEEP_UNPACKED + "=false");
    }

    private static String childOutput(List<String> flags, String mainClass) throws IOException, InterruptedException {
        return ChildJvm.run(flags, mainClass, List.of()).successfulOutput();
    }
}
