package io.pvscope.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a channel to an agent is protected and kept alive.
 *
 * @param tls              TLS 1.3 with these files; empty: plaintext, which is refused with a token
 *                         unless the agent is on this machine
 * @param token            the bearer token sent with every call, if any
 * @param keepAliveTime    how long the transport may be silent before the client pings the agent; the
 *                         agent accepts pings no more often than every {@link #MIN_KEEPALIVE_TIME}
 * @param keepAliveTimeout how long a ping may go unanswered before the transport counts as dead
 */
public record ChannelSettings(Optional<TlsFiles> tls, Optional<String> token, Duration keepAliveTime,
                              Duration keepAliveTimeout) {

    /** The shortest ping interval the agent tolerates; a client pinging faster is sent away (GOAWAY). */
    public static final Duration MIN_KEEPALIVE_TIME = Duration.ofSeconds(10);

    /** Pings every 20 s of silence, dead after 10 s without an answer: a lost agent is noticed in 30 s. */
    public static final Duration DEFAULT_KEEPALIVE_TIME = Duration.ofSeconds(20);
    public static final Duration DEFAULT_KEEPALIVE_TIMEOUT = Duration.ofSeconds(10);

    public ChannelSettings {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(token, "token");
        if (keepAliveTime.compareTo(MIN_KEEPALIVE_TIME) < 0) {
            throw new IllegalArgumentException("keepalive time under the agent's minimum of "
                    + MIN_KEEPALIVE_TIME.toSeconds() + " s: " + keepAliveTime);
        }
        if (keepAliveTimeout.isNegative() || keepAliveTimeout.isZero()) {
            throw new IllegalArgumentException("keepalive timeout must be positive: " + keepAliveTimeout);
        }
        token.ifPresent(ChannelSettings::checkToken);
    }

    /** Plaintext, no token, default keepalive. */
    public static ChannelSettings plaintext() {
        return new ChannelSettings(Optional.empty(), Optional.empty(), DEFAULT_KEEPALIVE_TIME,
                DEFAULT_KEEPALIVE_TIMEOUT);
    }

    public ChannelSettings withTls(TlsFiles files) {
        return new ChannelSettings(Optional.of(files), token, keepAliveTime, keepAliveTimeout);
    }

    public ChannelSettings withToken(String value) {
        return new ChannelSettings(tls, Optional.of(value), keepAliveTime, keepAliveTimeout);
    }

    public ChannelSettings withKeepAlive(Duration time, Duration timeout) {
        return new ChannelSettings(tls, token, time, timeout);
    }

    /** The token in a file: its first line, without surrounding white space. */
    public static String readToken(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }

    private static void checkToken(String token) {
        if (token.isEmpty() || !token.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
            throw new IllegalArgumentException("a token is printable ASCII without spaces, and not empty");
        }
    }
}
