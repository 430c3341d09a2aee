package io.pvscope.testsupport.xenstore;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where Xen's tools are installed: Debian puts them in {@code /usr/lib/xen-<version>}, so the directory moves
 * with each Xen release. The system property {@value #PROPERTY} names one explicitly; otherwise the newest
 * version holding the daemon wins.
 */
public final class XenTools {

    /** A tools directory to use instead of the newest {@code /usr/lib/xen-*} (its {@code bin/} holds the daemons). */
    public static final String PROPERTY = "pvscope.xen.tools";

    private static final Path LIB = Path.of("/usr/lib");

    private XenTools() {
    }

    /** The daemon's executable, or empty when no tools directory has it. */
    public static Optional<Path> daemon(Xenstored.Daemon daemon) {
        return daemon(daemon, LIB, System.getProperty(PROPERTY));
    }

    /** As {@link #daemon(Xenstored.Daemon)}, looking in {@code lib} unless {@code explicit} names a directory. */
    static Optional<Path> daemon(Xenstored.Daemon daemon, Path lib, String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            Path binary = Path.of(explicit, "bin", daemon.executable());
            return Files.isExecutable(binary) ? Optional.of(binary) : Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(lib)) {
            return dirs.filter(dir -> dir.getFileName().toString().matches("xen-\\d.*"))
                    .map(dir -> dir.resolve("bin").resolve(daemon.executable()))
                    .filter(Files::isExecutable)
                    .max(Comparator.comparing(binary -> binary.getParent().getParent().getFileName().toString(),
                            XenTools::versionOrder));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Where the daemon was looked for, for messages saying it is missing. */
    static String searched() {
        String explicit = System.getProperty(PROPERTY);
        return explicit != null && !explicit.isBlank() ? explicit + "/bin (system property " + PROPERTY + ")"
                : LIB + "/xen-*/bin";
    }

    /** "xen-4.9" before "xen-4.17": runs of digits compare as numbers. */
    static int versionOrder(String a, String b) {
        String[] left = a.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        String[] right = b.split("(?<=\\d)(?=\\D)|(?<=\\D)(?=\\d)");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            boolean numbers = Character.isDigit(left[i].charAt(0)) && Character.isDigit(right[i].charAt(0));
            int order = numbers ? new BigInteger(left[i]).compareTo(new BigInteger(right[i]))
                    : left[i].compareTo(right[i]);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(left.length, right.length);
    }
}
