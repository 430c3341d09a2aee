package io.pvscope.agent.kv.kvp;

import java.nio.file.Path;

/**
 * A pool file whose length is not a whole number of records: it was cut short or written by something
 * other than the daemon. Its whole records are still served; the stray tail is ignored, as the daemon
 * ignores it, and overwritten by the next record appended.
 *
 * @param pool         the pool's OpenBSD name
 * @param file         the pool file
 * @param wholeRecords records that were read
 * @param strayBytes   bytes after the last whole record
 */
public record PoolDamage(String pool, Path file, int wholeRecords, long strayBytes) {

    public String describe() {
        return file + " (pool " + pool + ") ends in " + strayBytes + " bytes that are not a whole record; "
                + "read its first " + wholeRecords + " records";
    }
}
