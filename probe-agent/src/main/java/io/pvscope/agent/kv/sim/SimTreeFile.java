package io.pvscope.agent.kv.sim;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated store on disk: one JSON document, replaced atomically (write a temporary file beside it,
 * force it to disk, rename over the old one, force the directory), so a crash at any point leaves either
 * the old or the new tree, never a torn one.
 */
final class SimTreeFile {

    static final String FORMAT = "pvscope-sim/1";

    private final Path file;

    SimTreeFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    Path path() {
        return file;
    }

    boolean exists() {
        return Files.exists(file);
    }

    /** Path → value; values are kept as bytes, stored as Base64 so that any byte survives. */
    TreeMap<String, byte[]> load() throws IOException {
        JsonObject json;
        try {
            json = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + ": not a simulated store file: " + e.getMessage(), e);
        }
        if (!json.has("format") || !FORMAT.equals(json.get("format").getAsString())) {
            throw new IOException(file + ": not a " + FORMAT + " file");
        }
        TreeMap<String, byte[]> nodes = new TreeMap<>();
        for (Map.Entry<String, com.google.gson.JsonElement> node : json.getAsJsonObject("nodes").entrySet()) {
            nodes.put(node.getKey(), Base64.getDecoder().decode(node.getValue().getAsString()));
        }
        return nodes;
    }

    void save(Map<String, byte[]> nodes) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("format", FORMAT);
        json.addProperty("simulated", true);
        JsonObject values = new JsonObject();
        nodes.forEach((path, value) -> values.addProperty(path, Base64.getEncoder().encodeToString(value)));
        json.add("nodes", values);
        byte[] bytes = new Gson().toJson(json).getBytes(StandardCharsets.UTF_8);

        Path directory = file.getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(directory + " cannot replace files atomically", e);
            }
            forceDirectory(directory);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Makes the rename durable; some file systems cannot open a directory, and then the rename is all we have. */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Not supported here: the rename itself is atomic, only its durability across power loss is weaker.
        }
    }
}
