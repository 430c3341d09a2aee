package io.pvscope.agent.server;

import io.grpc.stub.ServerCallStreamObserver;
import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/2 flow control for a stream produced in a loop: before each message the producer waits until the
 * client can take more, so that a client that does not read stops the producer instead of making the agent
 * buffer without limit. A client that reads nothing for {@link #STALLED_NANOS} ends the stream.
 */
final class ReadySignal implements Runnable {

    static final long STALLED_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ServerCallStreamObserver<?> call;

    /** To be made while the service method runs, before its first message (gRPC's rule for the handler). */
    ReadySignal(ServerCallStreamObserver<?> call) {
        this.call = call;
        call.setOnReadyHandler(this);
    }

    @Override
    public synchronized void run() {
        notifyAll();
    }

    /** True once the client can take a message; false when the call was cancelled meanwhile. */
    synchronized boolean await() throws StoreException {
        long deadline = System.nanoTime() + STALLED_NANOS;
        try {
            while (!call.isReady()) {
                if (call.isCancelled()) {
                    return false;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new StoreException(Errno.ETIMEDOUT, "the client read nothing of this stream for "
                            + TimeUnit.NANOSECONDS.toSeconds(STALLED_NANOS) + " s");
                }
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, RECHECK_NANOS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !call.isCancelled();
    }
}
