package io.pvscope.agent.kv.kvp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes and reads pool files in hv_kvp_daemon's layout (key[512], value[2048], NUL-padded) independently
 * of the store's own code, so tests check the store against the format, not against itself.
 */
final class DaemonPoolFiles {

    static final int RECORD = 2560;

    private DaemonPoolFiles() {
    }

    static Path write(Path directory, int pool, String... keysAndValues) throws IOException {
        ByteBuffer file = ByteBuffer.allocate(RECORD * (keysAndValues.length / 2));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            int start = RECORD * (i / 2);
            file.put(start, keysAndValues[i].getBytes(StandardCharsets.UTF_8));
            file.put(start + 512, keysAndValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        Path path = poolFile(directory, pool);
        Files.write(path, file.array());
        return path;
    }

    static Map<String, String> read(Path directory, int pool) throws IOException {
        byte[] bytes = Files.readAllBytes(poolFile(directory, pool));
        Map<String, String> records = new LinkedHashMap<>();
        for (int start = 0; start + RECORD <= bytes.length; start += RECORD) {
            records.put(cString(bytes, start, 512), cString(bytes, start + 512, 2048));
        }
        return records;
    }

    static Path poolFile(Path directory, int pool) {
        return directory.resolve(".kvp_pool_" + pool);
    }

    private static String cString(byte[] bytes, int start, int field) {
        int end = start;
        while (end < start + field && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }
}
