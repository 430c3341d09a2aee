package io.pvscope.core.tests.agent;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a simulated store in the agent's own file format, {@code pvscope-sim/1}: every key with its
 * base64 value, parents present with empty values. For tests that need a store of a given shape or size.
 */
public final class SimStoreFile {

    private final Map<String, String> nodes = new TreeMap<>();

    /** Adds a key and, with empty values, every parent it lacks. */
    public SimStoreFile put(String key, String value) {
        for (int slash = key.indexOf('/'); slash > 0; slash = key.indexOf('/', slash + 1)) {
            nodes.putIfAbsent(key.substring(0, slash), "");
        }
        nodes.put(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    public int size() {
        return nodes.size();
    }

    public Path writeTo(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("{\"format\":\"pvscope-sim/1\",\"simulated\":true,\"nodes\":{");
            boolean first = true;
            for (Map.Entry<String, String> node : nodes.entrySet()) {
                out.write(first ? "" : ",");
                first = false;
                out.write('"');
                out.write(escape(node.getKey()));
                out.write("\":\"");
                out.write(node.getValue());
                out.write('"');
            }
            out.write("}}");
        }
        return file;
    }

    private static String escape(String key) {
        return key.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
