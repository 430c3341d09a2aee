package io.pvscope.agent.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * How {@code serve} writes java.util.logging's records (gRPC's and netty's, and the agent's own) to stderr: one
 * line per record, in the style of the agent's other lines, {@code pvscope-agent: WARNING LOGGER: MESSAGE},
 * followed by a stack trace when there is one. No timestamp: the journal (or whatever collects a service's
 * stderr) stamps each line itself.
 *
 * <p>The JDK's own format stamps every record with the local time, which reads the time-zone database from
 * files the first time; when that first time came while a flood had used up the descriptors, the zone classes
 * failed to initialise and every later log line failed with them, which once killed the threads accepting
 * connections. This format reads no file.
 */
final class DaemonLogFormat extends Formatter {

    /** The JDK's property that chooses the default format; when set, that choice is the operator's and kept. */
    static final String JDK_FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";

    DaemonLogFormat() {
    }

    /**
     * Formats the root logger's console handlers with this format, unless logging was configured otherwise
     * (another formatter, or a format for the JDK's).
     */
    static void install() {
        if (System.getProperty(JDK_FORMAT_PROPERTY) != null
                || LogManager.getLogManager().getProperty(JDK_FORMAT_PROPERTY) != null) {
            return;
        }
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            if (handler instanceof ConsoleHandler && handler.getFormatter().getClass() == SimpleFormatter.class) {
                handler.setFormatter(new DaemonLogFormat());
            }
        }
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(128).append("pvscope-agent: ").append(record.getLevel().getName());
        if (record.getLoggerName() != null && !record.getLoggerName().isEmpty()) {
            line.append(' ').append(record.getLoggerName());
        }
        line.append(": ").append(formatMessage(record)).append(System.lineSeparator());
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new PrintWriter(trace)) {
                record.getThrown().printStackTrace(out);
            }
            line.append(trace);
        }
        return line.toString();
    }
}
