package io.pvscope.testsupport.guest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Builds the guest's initramfs: a static busybox, the kernel modules it needs to boot, and its init. */
final class Initramfs {

    private Initramfs() {
    }

    /** Writes {@code initrd.gz} into the work directory and returns it. */
    static Path build(Path workDir, Path kernel, List<String> modules, String init) throws IOException {
        String release = kernel.getFileName().toString().substring("vmlinuz-".length());
        Path tree = workDir.resolve("initramfs");
        deleteTree(tree);
        for (String dir : List.of("bin", "modules", "proc", "sys", "dev", "newroot")) {
            Files.createDirectories(tree.resolve(dir));
        }
        Files.copy(Path.of("/bin/busybox"), tree.resolve("bin/busybox"));
        List<String> order = new ArrayList<>();
        for (Path module : moduleFiles(release, modules)) {
            Files.copy(module, tree.resolve("modules").resolve(module.getFileName()));
            order.add(module.getFileName().toString());
        }
        Files.write(tree.resolve("modules/order"), order, StandardCharsets.UTF_8);
        Path initFile = tree.resolve("init");
        Files.writeString(initFile, init, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(initFile, PosixFilePermissions.fromString("rwxr-xr-x"));

        Path initrd = workDir.resolve("initrd.gz");
        run(tree, List.of("sh", "-c", "find . | cpio -o -H newc --quiet | gzip -1 > " + QemuGuest.shellQuote(
                initrd.toString())));
        deleteTree(tree);
        return initrd;
    }

    /** The module files in load order, dependencies first, as modprobe would insert them. */
    private static Set<Path> moduleFiles(String release, List<String> modules) throws IOException {
        String modprobe = QemuGuest.onPath("modprobe").orElseThrow(() -> new IOException("no modprobe")).toString();
        Set<Path> files = new LinkedHashSet<>();
        for (String module : modules) {
            List<String> command = List.of(modprobe, "-S", release, "--show-depends", module);
            for (String line : run(Path.of("/"), command).lines().toList()) {
                String[] words = line.trim().split("\\s+");
                if (words.length >= 2 && words[0].equals("insmod")) {
                    files.add(Path.of(words[1]));
                }
            }
        }
        return files;
    }

    private static String run(Path dir, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
        return output;
    }

    private static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree)) {
            return;
        }
        try (var paths = Files.walk(tree)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
