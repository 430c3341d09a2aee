package io.pvscope.agent.server;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/** A reader that takes nothing until released, as a journal that stopped reading: every write waits. */
final class StuckOutput extends OutputStream {

    private final CountDownLatch released = new CountDownLatch(1);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        bytes.write(b, off, len);
    }

    /** Lets every write through, those waiting and those to come. */
    void release() {
        released.countDown();
    }

    /** What was written since the release. */
    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The refusal lines written. */
    long refusalLines() {
        return text().lines().filter(line -> line.contains("\"outcome\":\"refused\"")).count();
    }

    /** The refusals counted, not written, by the writer's "dropped" lines. */
    long refusalsCounted() {
        return text().lines().filter(line -> line.contains("\"audit\":\"dropped\""))
                .mapToLong(line -> Long.parseLong(line.replaceAll(".*\"count\":(\\d+).*", "$1"))).sum();
    }
}
