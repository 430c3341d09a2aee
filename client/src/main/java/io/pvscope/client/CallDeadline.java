package io.pvscope.client;

import java.time.Duration;
import java.util.Map;

/**
 * How long a command-line client waits for one answer: 10 s, or {@code PVSCOPE_TIMEOUT} seconds. A guest
 * stopped at a breakpoint never answers, so every call needs an end; a slow link may need a longer one.
 */
public final class CallDeadline {

    public static final String VARIABLE = "PVSCOPE_TIMEOUT";
    public static final Duration DEFAULT = Duration.ofSeconds(10);

    private CallDeadline() {
    }

    /**
     * The deadline the environment asks for.
     *
     * @throws IllegalArgumentException when the variable is set to anything but 0.001 to 86400 seconds
     */
    public static Duration fromEnvironment(Map<String, String> environment) {
        String text = environment.get(VARIABLE);
        if (text == null || text.isBlank()) {
            return DEFAULT;
        }
        double seconds;
        try {
            seconds = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            seconds = Double.NaN;
        }
        if (!(seconds >= 0.001 && seconds <= 86_400)) {
            throw new IllegalArgumentException(VARIABLE + ": expected 0.001 to 86400 seconds, got '" + text + "'");
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
