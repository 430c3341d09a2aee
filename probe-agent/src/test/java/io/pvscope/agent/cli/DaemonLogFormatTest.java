package io.pvscope.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.ChildJvm;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class DaemonLogFormatTest {

    /** Loaded by the first record the JDK's format stamps with the local time: it reads the zone database. */
    private static final String ZONE_DATA = "sun.util.calendar.ZoneInfoFile";

    @Test
    void aRecordIsOneLineInTheAgentsStyle() {
        LogRecord record = new LogRecord(Level.WARNING, "{0} connection(s) refused");
        record.setLoggerName("io.example.Listener");
        record.setParameters(new Object[] {3});

        assertThat(format(record)).isEqualTo("pvscope-agent: WARNING io.example.Listener: 3 connection(s) refused"
                + System.lineSeparator());
    }

    @Test
    void aThrowableFollowsItsLineAsAStackTrace() {
        LogRecord record = new LogRecord(Level.SEVERE, "accept failed");
        record.setLoggerName("io.example.Listener");
        record.setThrown(new IOException("Too many open files"));

        String text = format(record);

        assertThat(text).startsWith("pvscope-agent: SEVERE io.example.Listener: accept failed"
                + System.lineSeparator() + "java.io.IOException: Too many open files" + System.lineSeparator())
                .contains("\tat " + DaemonLogFormatTest.class.getName());
    }

    @Test
    void servesFormatReadsNoTimeZoneData() throws Exception {
        String output = childOutput("daemon");

        assertThat(output).contains("pvscope-agent: WARNING io.example.Listener: accept failed")
                .doesNotContain(ZONE_DATA);
    }

    /** The control: the JDK's format reads the zone database for its timestamp. */
    @Test
    void theJdksFormatReadsTheTimeZoneData() throws Exception {
        String output = childOutput("jdk");

        assertThat(output).contains("WARNING: accept failed").contains(ZONE_DATA);
    }

    private static String format(LogRecord record) {
        return new DaemonLogFormat().format(record);
    }

    private static String childOutput(String format) throws IOException, InterruptedException {
        return ChildJvm.run(List.of("-Xlog:class+load=info"), LogOneWarning.class.getName(), List.of(format))
                .successfulOutput();
    }
}
