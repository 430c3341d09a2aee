package io.pvscope.core.kv;

import java.time.Duration;

/**
 * How the agent watches a store, as it said when the Watch started.
 *
 * @param polled       true when the store has no native watch and the agent polls it
 * @param pollInterval how often it polls; zero when not polled
 */
public record WatchMode(boolean polled, Duration pollInterval) {
}
