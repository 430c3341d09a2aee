package io.pvscope.testsupport.nativecode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A C source file to build: a file on disk, or a resource shipped in a jar (copied out before gcc sees it). */
public final class CSource {

    private final String fileName;
    private final Path file;
    private final Class<?> anchor;

    private CSource(String fileName, Path file, Class<?> anchor) {
        this.fileName = fileName;
        this.file = file;
        this.anchor = anchor;
    }

    public static CSource file(Path file) {
        return new CSource(file.getFileName().toString(), file.toAbsolutePath(), null);
    }

    /** The resource {@code name} beside {@code anchor}'s class file (Class.getResource's relative name). */
    public static CSource resource(Class<?> anchor, String name) {
        return new CSource(name, null, anchor);
    }

    /** The file name without ".c": what the built library or program is named after. */
    String baseName() {
        return fileName.endsWith(".c") ? fileName.substring(0, fileName.length() - 2) : fileName;
    }

    /** A path gcc can read: the file itself, or the resource copied into {@code buildDir}. */
    Path materialize(Path buildDir) throws IOException {
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new IOException("no C source at " + file);
            }
            return file;
        }
        try (InputStream in = anchor.getResourceAsStream(fileName)) {
            if (in == null) {
                throw new IOException("no resource " + fileName + " beside " + anchor.getName());
            }
            Path copy = buildDir.resolve(fileName);
            Files.write(copy, in.readAllBytes());
            return copy;
        }
    }

    @Override
    public String toString() {
        return file != null ? file.toString() : anchor.getPackageName().replace('.', '/') + "/" + fileName;
    }
}
