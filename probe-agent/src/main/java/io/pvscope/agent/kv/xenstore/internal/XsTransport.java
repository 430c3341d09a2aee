package io.pvscope.agent.kv.xenstore.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A byte stream to xenstored. One thread reads while others write, so implementations must allow a read
 * and a write at the same time; {@link #close()} must wake a blocked reader.
 */
public interface XsTransport extends AutoCloseable {

    /** Reads some bytes; returns -1 at end of stream. */
    int read(ByteBuffer into) throws IOException;

    /** Writes all remaining bytes. */
    void write(ByteBuffer from) throws IOException;

    @Override
    void close() throws IOException;
}
