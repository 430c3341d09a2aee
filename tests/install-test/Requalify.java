import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Makes the next version of a p2 update site: every installable unit whose id starts with a prefix gets its
 * qualifier suffixed (0.1.0.Q becomes 0.1.0.Q-SUFFIX, which p2 orders after 0.1.0.Q), in the p2 metadata, in the
 * bundles' manifests and the features' feature.xml, with the artifacts renamed and their sizes and checksums
 * recomputed. Third-party units are copied unchanged. This is what a rebuild with a later qualifier publishes,
 * without a second Tycho build.
 *
 * <p>Usage: {@code java Requalify.java IN.zip OUT.zip ID_PREFIX SUFFIX}; prints "old -> new" per version.
 */
public final class Requalify {

    private static final Pattern UNIT = Pattern.compile("<unit id='([^']+)' version='([^']+)'");

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java Requalify.java IN.zip OUT.zip ID_PREFIX SUFFIX");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String prefix = args[2];
        String suffix = args[3];

        Map<String, byte[]> entries = readZip(Files.readAllBytes(in));
        String content = xmlOfJar(entries, "content.jar", "content.xml");
        String artifacts = xmlOfJar(entries, "artifacts.jar", "artifacts.xml");

        // Old version -> new version, for the units we own. Timestamp qualifiers make each string unique.
        Map<String, String> versions = new LinkedHashMap<>();
        Matcher unit = UNIT.matcher(content);
        while (unit.find()) {
            String version = unit.group(2);
            if (unit.group(1).startsWith(prefix) && version.chars().filter(c -> c == '.').count() == 3) {
                versions.putIfAbsent(version, version + "-" + suffix);
            }
        }
        if (versions.isEmpty()) {
            throw new IllegalStateException("no unit with a qualified version starts with " + prefix);
        }
        versions.forEach((from, to) -> System.out.println(from + " -> " + to));

        Map<String, byte[]> result = new LinkedHashMap<>();
        Map<String, byte[]> rewritten = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            String name = e.getKey();
            if (name.equals("content.jar") || name.equals("artifacts.jar") || name.equals("p2.index")
                    || name.endsWith(".xml.xz")) {
                continue; // rewritten below; the .xz copies would need an xz encoder
            }
            String base = name.substring(name.lastIndexOf('/') + 1);
            if (name.endsWith(".jar") && base.startsWith(prefix) && containsAny(name, versions)) {
                byte[] jar = requalifyJar(e.getValue(), versions);
                String newName = replaceAll(name, versions);
                result.put(newName, jar);
                rewritten.put(newName, jar);
            } else {
                result.put(name, e.getValue());
            }
        }
        if (rewritten.isEmpty()) {
            throw new IllegalStateException("no artifact of " + prefix + " found");
        }

        content = replaceAll(content, versions);
        artifacts = fixArtifactProperties(replaceAll(artifacts, versions), rewritten);
        result.put("content.jar", jarOf("content.xml", content));
        result.put("artifacts.jar", jarOf("artifacts.xml", artifacts));
        result.put("p2.index", ("version=1\n"
                + "metadata.repository.factory.order=content.xml,\\!\n"
                + "artifact.repository.factory.order=artifacts.xml,\\!\n").getBytes(StandardCharsets.UTF_8));
        writeZip(out, result);
    }

    private static boolean containsAny(String s, Map<String, String> versions) {
        return versions.keySet().stream().anyMatch(s::contains);
    }

    private static String replaceAll(String s, Map<String, String> versions) {
        for (Map.Entry<String, String> v : versions.entrySet()) {
            s = s.replace(v.getKey(), v.getValue());
        }
        return s;
    }

    /** The manifest's headers and feature.xml are rewritten; every other entry is copied as it is. */
    private static byte[] requalifyJar(byte[] jar, Map<String, String> versions) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest manifest = in.getManifest();
            JarOutputStream out;
            if (manifest != null) {
                Attributes main = manifest.getMainAttributes();
                for (Object key : main.keySet().toArray()) {
                    main.put(key, replaceAll((String) main.get(key), versions));
                }
                out = new JarOutputStream(bytes, manifest);
            } else {
                out = new JarOutputStream(bytes);
            }
            try (out) {
                for (JarEntry entry; (entry = in.getNextJarEntry()) != null;) {
                    byte[] data = in.readAllBytes();
                    if (entry.getName().equals("feature.xml")) {
                        data = replaceAll(new String(data, StandardCharsets.UTF_8), versions)
                                .getBytes(StandardCharsets.UTF_8);
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    out.write(data);
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    /** Sizes and checksums of the rewritten artifacts; p2 verifies them on download. */
    private static String fixArtifactProperties(String artifacts, Map<String, byte[]> rewritten)
            throws NoSuchAlgorithmException {
        for (Map.Entry<String, byte[]> e : rewritten.entrySet()) {
            String file = e.getKey().substring(e.getKey().lastIndexOf('/') + 1).replaceFirst("\\.jar$", "");
            int sep = file.lastIndexOf('_');
            String id = file.substring(0, sep);
            String version = file.substring(sep + 1);
            String open = "id='" + id + "' version='" + version + "'>";
            int start = artifacts.indexOf(open);
            if (start < 0) {
                throw new IllegalStateException("artifacts.xml does not describe " + e.getKey());
            }
            int end = artifacts.indexOf("</artifact>", start);
            String block = artifacts.substring(start, end);
            byte[] data = e.getValue();
            block = setProperty(block, "artifact.size", Long.toString(data.length));
            block = setProperty(block, "download.size", Long.toString(data.length));
            block = setProperty(block, "download.md5", digest("MD5", data));
            block = setProperty(block, "download.checksum.md5", digest("MD5", data));
            block = setProperty(block, "download.checksum.sha-256", digest("SHA-256", data));
            block = setProperty(block, "download.checksum.sha-512", digest("SHA-512", data));
            block = setProperty(block, "artifact.checksum.sha-256", digest("SHA-256", data));
            block = setProperty(block, "artifact.checksum.sha-512", digest("SHA-512", data));
            artifacts = artifacts.substring(0, start) + block + artifacts.substring(end);
        }
        return artifacts;
    }

    private static String setProperty(String block, String name, String value) {
        return block.replaceAll("(<property name='" + Pattern.quote(name) + "' value=')[^']*'",
                "$1" + Matcher.quoteReplacement(value) + "'");
    }

    private static String digest(String algorithm, byte[] data) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    private static String xmlOfJar(Map<String, byte[]> entries, String jar, String xml) throws IOException {
        byte[] bytes = entries.get(jar);
        if (bytes == null) {
            throw new IllegalStateException("the repository has no " + jar);
        }
        byte[] inner = readZip(bytes).get(xml);
        if (inner == null) {
            throw new IllegalStateException(jar + " holds no " + xml);
        }
        return new String(inner, StandardCharsets.UTF_8);
    }

    private static byte[] jarOf(String name, String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry(name));
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static Map<String, byte[]> readZip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                if (!entry.isDirectory()) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    private static void writeZip(Path out, Map<String, byte[]> entries) throws IOException {
        try (OutputStream file = Files.newOutputStream(out); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }

    private Requalify() {
    }
}
