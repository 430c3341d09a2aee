package io.pvscope.agent.kv;

/** A key/value operation failed with an errno; the message says what, for whom, and why. */
public final class StoreException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Errno errno;

    public StoreException(Errno errno, String message) {
        super(message);
        this.errno = errno;
    }

    public StoreException(Errno errno, String message, Throwable cause) {
        super(message, cause);
        this.errno = errno;
    }

    public Errno errno() {
        return errno;
    }
}
