package io.pvscope.agent.kv.sim;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
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

    /**
     * Path → value; values are kept as bytes, stored as Base64 so that any byte survives. Read as a stream of
     * tokens: a tree of JSON elements would be garbage at once, and Gson's tree and type adapters are about a
     * hundred classes more for every agent to load.
     */
    TreeMap<String, byte[]> load() throws IOException {
        String format = null;
        TreeMap<String, byte[]> nodes = null;
        // Decoded as it is read: a copy of the whole file, as bytes and again as text, would be garbage at once.
        try (JsonReader json = new JsonReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            json.setStrictness(Strictness.LENIENT);
            json.beginObject();
            while (json.hasNext()) {
                switch (json.nextName()) {
                    case "format" -> format = json.nextString();
                    case "nodes" -> nodes = nodes(json);
                    default -> json.skipValue();
                }
            }
            json.endObject();
            if (json.peek() != JsonToken.END_DOCUMENT) {
                throw new IOException("more after the document's end");
            }
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw new IOException(file + ": not a simulated store file: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(format) || nodes == null) {
            throw new IOException(file + ": not a " + FORMAT + " file");
        }
        return nodes;
    }

    private static TreeMap<String, byte[]> nodes(JsonReader json) throws IOException {
        TreeMap<String, byte[]> nodes = new TreeMap<>();
        Base64.Decoder base64 = Base64.getDecoder();
        json.beginObject();
        while (json.hasNext()) {
            String path = json.nextName();
            nodes.put(path, base64.decode(json.nextString()));
        }
        json.endObject();
        return nodes;
    }

    void save(Map<String, byte[]> nodes) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            // As Gson wrote it before: "<", ">", "&", "=" and "'" escaped.
            json.setHtmlSafe(true);
            json.beginObject().name("format").value(FORMAT).name("simulated").value(true).name("nodes").beginObject();
            Base64.Encoder base64 = Base64.getEncoder();
            for (Map.Entry<String, byte[]> node : nodes.entrySet()) {
                json.name(node.getKey()).value(base64.encodeToString(node.getValue()));
            }
            json.endObject().endObject();
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);

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
