package io.pvscope.core;

import io.pvscope.proto.v1.WatchEvent;

/** Hears one Watch stream, on a gRPC thread, in the order the agent sent it. */
public interface WatchListener {

    void event(WatchEvent event);

    /** The stream broke (agent lost, refused, the unit has no store); nothing follows. */
    void failed(Throwable error);

    /** The agent ended the stream; nothing follows. */
    default void ended() {
    }
}
