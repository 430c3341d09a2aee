package io.pvscope.agent.kv.kvp.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The whole records of a pool file at one moment, in file order (the daemon appends, so this is insertion
 * order), and how many bytes after the last whole record were left over (a damaged or half-written file).
 */
public record PoolSnapshot(List<PoolRecord> records, long strayBytes) {

    public PoolSnapshot {
        records = List.copyOf(records);
    }

    /** Index of the first record whose key is {@code name}, compared as bytes like the daemon's memcmp. */
    public OptionalInt indexOf(String name) {
        byte[] key = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < records.size(); i++) {
            if (Arrays.equals(records.get(i).key(), key)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    public Optional<PoolRecord> find(String name) {
        OptionalInt index = indexOf(name);
        return index.isPresent() ? Optional.of(records.get(index.getAsInt())) : Optional.empty();
    }

    /** The keys in file order, leaving out empty keys: no name can address them. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (PoolRecord record : records) {
            String name = record.keyName();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    public boolean isDamaged() {
        return strayBytes != 0;
    }
}
