package io.pvscope.agent.cli;

import java.time.ZoneId;
import java.util.TimeZone;

/**
 * What the agent must load while it can still open files. Time-zone data is read from files the first time
 * a zone is needed (a log line's timestamp); if that first time comes when a flood has used up the
 * descriptors, the JVM's zone classes fail to initialise and every later log line fails with them, which
 * once killed the threads accepting connections.
 */
final class LoadedEarly {

    private LoadedEarly() {
    }

    /**
     * Reads what a log line's timestamp reads from files: the default zone (java.util's zone data, as a
     * log record's formatter asks for it) and its rules and UTC's (java.time's). Formatting itself reads no
     * file, so no date is formatted here: java.time's formatters would be some fifty classes more for every
     * agent to load and keep.
     */
    static void timeZones() {
        TimeZone.getDefault();
        ZoneId.systemDefault().getRules();
        ZoneId.of("UTC").getRules();
    }
}
