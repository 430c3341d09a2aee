package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Audit lines stay one line each, whatever a caller puts in a key, and a stuck reader stops no caller. */
class AuditLogTest {

    private static final Duration FLUSH = Duration.ofSeconds(10);

    @Test
    void everyUnicodeLineBreakInAKeyIsEscaped() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AuditLog audit = new AuditLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), Clock.systemUTC());

        audit.refused("read", 0, "a\u0085b\u2028c\u2029d\ne\rf", "not allowed");

        assertThat(audit.flush(FLUSH)).isTrue();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text.lines().toList()).hasSize(1);
        assertThat(text.strip()).doesNotContain("\u0085", "\u2028", "\u2029", "\r")
                .contains("a\\u0085b\\u2028c\\u2029d\\ne\\rf");
    }

    @Test
    void refusalsDoNotWaitForAStuckReaderAndTheOnesNotWrittenAreCounted() throws Exception {
        StuckOutput stuck = new StuckOutput();
        AuditLog audit = new AuditLog(new PrintStream(stuck, true, StandardCharsets.UTF_8), Clock.systemUTC(), 64);
        int refusals = 10_000;

        Thread flood = new Thread(() -> {
            for (int i = 0; i < refusals; i++) {
                audit.refused("read", 0, "key" + i, "not allowed");
            }
        });
        flood.start();
        flood.join(TimeUnit.SECONDS.toMillis(60));
        boolean floodReturned = !flood.isAlive();
        stuck.release();

        assertThat(floodReturned).as("refusals returned while nothing was read").isTrue();
        assertThat(audit.flush(FLUSH)).isTrue();
        audit.close();
        long written = stuck.refusalLines();
        long counted = stuck.refusalsCounted();
        assertThat(written).as("at most the queue and the line being written").isLessThanOrEqualTo(64 + 1);
        assertThat(written + counted).as("every refusal written or counted").isEqualTo(refusals);
    }

    @Test
    void linesOfChangesWaitForRoomAndAreAllWritten() throws Exception {
        StuckOutput stuck = new StuckOutput();
        AuditLog audit = new AuditLog(new PrintStream(stuck, true, StandardCharsets.UTF_8), Clock.systemUTC(), 4);
        int writes = 50;
        CountDownLatch done = new CountDownLatch(1);

        Thread writer = new Thread(() -> {
            for (int i = 0; i < writes; i++) {
                audit.write(0, "data/k" + i, new byte[] {1, 2, 3}, "ok");
            }
            done.countDown();
        });
        writer.start();
        boolean doneWhileStuck = done.await(500, TimeUnit.MILLISECONDS);
        stuck.release();

        assertThat(doneWhileStuck).as("the writes waited for the stuck reader").isFalse();
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(audit.flush(FLUSH)).isTrue();
        audit.close();
        assertThat(stuck.text().lines().filter(line -> line.contains("\"audit\":\"write\"")).count()).isEqualTo(writes);
        assertThat(stuck.text()).doesNotContain("\"audit\":\"dropped\"");
    }

    @Test
    void linesAuditedAfterCloseAreWrittenAtOnce() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AuditLog audit = new AuditLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), Clock.systemUTC());
        audit.refused("read", 0, "before", "not allowed");
        audit.close();

        audit.delete(0, "after", "ok");

        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\"key\":\"before\"").contains("\"key\":\"after\"");
    }
}
