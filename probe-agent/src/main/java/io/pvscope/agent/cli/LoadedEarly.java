package io.pvscope.agent.cli;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.TimeZone;

/**
 * What the agent must load while it can still open files. Time-zone data is read from a file the first time
 * a date is formatted (a log line's timestamp); if that first time comes when a flood has used up the
 * descriptors, the JVM's zone classes fail to initialise and every later log line fails with them, which
 * once killed the threads accepting connections.
 */
final class LoadedEarly {

    private LoadedEarly() {
    }

    static void timeZones() {
        TimeZone.getDefault();
        DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ZonedDateTime.now(ZoneId.systemDefault()));
        ZoneId.of("UTC").getRules();
    }
}
