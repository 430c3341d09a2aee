package io.pvscope.agent.cli;

import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Copies JNA's native library for this machine out of the jar into a directory, once at installation:
 * the launchers point {@code jna.boot.library.path} there, so no run unpacks it into a cache directory.
 * Usage: {@code java -cp pvscope-agent.jar io.pvscope.agent.cli.NativeLibraryInstall DIR}.
 */
public final class NativeLibraryInstall {

    private NativeLibraryInstall() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: NativeLibraryInstall DIR");
            System.exit(2);
        }
        System.out.println(install(Path.of(args[0])));
    }

    /** Writes the library into {@code dir} (replacing it whole, by rename) and returns its path. */
    static Path install(Path dir) throws IOException {
        String name = System.mapLibraryName("jnidispatch");
        String resource = "/com/sun/jna/" + Platform.RESOURCE_PREFIX + "/" + name;
        Files.createDirectories(dir);
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
