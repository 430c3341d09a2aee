package io.pvscope.core;

/** A running Watch stream. */
public interface KeyWatch {

    /** Ends the stream; the listener hears nothing more. Safe to call more than once. */
    void cancel();
}
