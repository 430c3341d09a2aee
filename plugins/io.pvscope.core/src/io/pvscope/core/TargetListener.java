package io.pvscope.core;

/**
 * Told about changes to the {@link TargetManager}'s targets and their connections. Called on whatever
 * thread made the change (often a gRPC thread): UI code must move to its own thread.
 */
public interface TargetListener {

    default void targetAdded(Target target) {
    }

    default void targetRemoved(Target target) {
    }

    /** The connection's state, latency or fetched data changed. */
    default void connectionChanged(TargetConnection connection) {
    }
}
