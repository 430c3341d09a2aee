package io.pvscope.bench.baseline;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Seeds a simulated store by writing its file (format pvscope-sim/1: path → Base64 value) once. Going
 * through the store instead would rewrite and fsync the whole file on every one of 100k writes.
 */
public final class SimFiles {

    private SimFiles() {
    }

    public static Path seed(Path file, int keys) throws IOException {
        JsonObject nodes = new JsonObject();
        // A node without a value is a directory, as SimStore creates parents.
        nodes.addProperty(BenchKeys.PARENT, "");
        Base64.Encoder base64 = Base64.getEncoder();
        for (int i = 0; i < keys; i++) {
            String key = BenchKeys.key(i);
            nodes.addProperty(key, base64.encodeToString(BenchKeys.value(key).getBytes(StandardCharsets.UTF_8)));
        }
        JsonObject json = new JsonObject();
        json.addProperty("format", "pvscope-sim/1");
        json.addProperty("simulated", true);
        json.add("nodes", nodes);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".lock"));
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new Gson().toJson(json, out);
        }
        return file;
    }
}
