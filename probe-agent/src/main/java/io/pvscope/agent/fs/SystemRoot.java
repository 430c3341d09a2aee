package io.pvscope.agent.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The file system detection reads: the live system ("/") or a captured guest replayed from a directory.
 * Every absolute path detection uses is resolved under it.
 */
public final class SystemRoot {

    private static final int MAX_TEXT_BYTES = 1 << 20;

    private final Path root;

    private SystemRoot(Path root) {
        this.root = root;
    }

    public static SystemRoot live() {
        return new SystemRoot(Path.of("/"));
    }

    public static SystemRoot of(Path root) {
        return new SystemRoot(root.toAbsolutePath().normalize());
    }

    /** True when this is the running system, where devices are real and CPUID can be executed. */
    public boolean isLive() {
        return root.getParent() == null;
    }

    public Path directory() {
        return root;
    }

    /** Resolves an absolute guest path ("/proc/cpuinfo") under this root. */
    public Path resolve(String guestPath) {
        return root.resolve(guestPath.startsWith("/") ? guestPath.substring(1) : guestPath);
    }

    public boolean exists(String guestPath) {
        return Files.exists(resolve(guestPath));
    }

    /**
     * The names in a guest directory, sorted; empty when it is missing or unreadable. Dot files are skipped:
     * sysfs and procfs have none, while a capture may (placeholders that keep an empty directory in Git).
     */
    public List<String> list(String guestPath) {
        Path dir = resolve(guestPath);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(name -> !name.startsWith(".")).sorted()
                    .toList();
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }

    /** Reads a small text file; the failure, if any, is described rather than thrown. */
    public TextFile read(String guestPath) {
        Path file = resolve(guestPath);
        if (!Files.exists(file)) {
            return new TextFile(guestPath, Optional.empty(), "absent");
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            int length = Math.min(bytes.length, MAX_TEXT_BYTES);
            return new TextFile(guestPath, Optional.of(new String(bytes, 0, length, StandardCharsets.UTF_8)), "");
        } catch (IOException | SecurityException e) {
            return new TextFile(guestPath, Optional.empty(), "not readable: " + describe(e));
        }
    }

    /** A file failure in a few words ("permission denied"), for evidence that says why a file was not read. */
    public static String describe(Exception e) {
        String name = e.getClass().getSimpleName();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? name : name + ": " + e.getMessage();
    }

    @Override
    public String toString() {
        return root.toString();
    }

    /** The contents of a guest file, or why there are none. */
    public record TextFile(String path, Optional<String> text, String failure) {

        /** The first line, trimmed; empty when the file could not be read. */
        public Optional<String> firstLine() {
            return text.map(t -> t.lines().findFirst().orElse("").trim());
        }
    }
}
