package io.pvscope.agent.server.security;

import io.pvscope.agent.server.AgentLimits;
import io.pvscope.agent.server.ConnectionLimits;
import io.pvscope.agent.server.KeyPrefixes;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads {@code serve --config FILE}: clients with their read and write prefixes, limits, the audit file.
 * Every setting is checked at start-up (and on reload), and a mistake names the file and the setting, so
 * that a typo never silently widens or narrows access.
 *
 * <pre>
 * clients:
 *   - name: ide                 # shown as caller_identity and in the audit log
 *     token_file: tokens/ide    # or subject: "CN=ide,O=Example" (a client certificate), or local: true
 *                               # (every_local_user: true also lets users the system keeps out of a store
 *                               # read it through the agent)
 *     read: ["*"]
 *     write: ["sim:data/"]
 * limits: {max_value_bytes: 65536, rate_per_second: 50, backend_deadline: 5s}
 * connections: {max_connections: 1024, max_connections_per_peer: 64, idle_timeout: 5m}
 * audit: {file: /var/log/pvscope/audit.log, max_bytes: 10MiB, keep: 5}
 * </pre>
 */
public final class ConfigFile {

    /** No setting waits longer than this: a day is already far beyond any deadline or poll interval. */
    static final Duration MAX_DURATION = Duration.ofDays(1);
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|KiB|MiB|GiB)");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

    private ConfigFile() {
    }

    public static SecurityConfig load(Path file) throws ConfigException {
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            document = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        } catch (YAMLException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage().replace('\n', ' '));
        }
        Path base = file.toAbsolutePath().getParent();
        Section root = Section.of(file.toString(), "", document == null ? Map.of() : document);
        root.allowOnly("clients", "limits", "connections", "audit");
        AccessPolicy access = new AccessPolicy(clients(root, base));
        AgentLimits limits = limits(root.section("limits"));
        AuditSettings audit = audit(root.section("audit"), base);
        return new SecurityConfig(access, limits, audit, connections(root.section("connections")));
    }

    private static List<Client> clients(Section root, Path base) throws ConfigException {
        List<Client> clients = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> subjects = new HashSet<>();
        List<Object> entries = root.list("clients");
        for (int i = 0; i < entries.size(); i++) {
            Section entry = Section.of(root.file, "clients[" + i + "]", entries.get(i));
            entry.allowOnly("name", "token_file", "subject", "local", "every_local_user", "read", "write");
            String name = entry.string("name").orElseThrow(() -> entry.error("name", "every client needs a name"));
            if (!names.add(name)) {
                throw entry.error("name", "'" + name + "' names two clients");
            }
            Grant grant = new Grant(prefixes(entry, "read"), prefixes(entry, "write"));
            Optional<String> tokenFile = entry.string("token_file");
            Optional<String> subject = entry.string("subject");
            boolean local = entry.bool("local").orElse(false);
            if (!local && entry.bool("every_local_user").isPresent()) {
                throw entry.error("every_local_user", "only the local client (local: true) has local users");
            }
            int proofs = (tokenFile.isPresent() ? 1 : 0) + (subject.isPresent() ? 1 : 0) + (local ? 1 : 0);
            if (proofs != 1) {
                throw entry.error("", "give exactly one of token_file, subject and local: true");
            }
            if (tokenFile.isPresent()) {
                try {
                    clients.add(Client.token(name, Tokens.digestOfFile(base.resolve(tokenFile.get())), grant));
                } catch (IOException e) {
                    throw entry.error("token_file", e.getMessage());
                }
            } else if (subject.isPresent()) {
                if (!subjects.add(subject.get())) {
                    throw entry.error("subject", "'" + subject.get() + "' is given to two clients");
                }
                clients.add(Client.certificate(name, subject.get(), grant));
            } else {
                if (clients.stream().anyMatch(c -> c.proof() == Client.Proof.LOCAL)) {
                    throw entry.error("local", "only one client can be the local one");
                }
                clients.add(entry.bool("every_local_user").orElse(false) ? Client.localForEveryUser(name, grant)
                        : Client.local(name, grant));
            }
        }
        return clients;
    }

    private static KeyPrefixes prefixes(Section entry, String key) throws ConfigException {
        List<String> texts = new ArrayList<>();
        for (Object item : entry.list(key)) {
            if (!(item instanceof String text)) {
                throw entry.error(key, "prefixes are strings, got " + item);
            }
            texts.add(text);
        }
        try {
            return KeyPrefixes.of(texts);
        } catch (IllegalArgumentException e) {
            throw entry.error(key, e.getMessage());
        }
    }

    private static AgentLimits limits(Section s) throws ConfigException {
        s.allowOnly("max_key_bytes", "max_value_bytes", "max_message_bytes", "max_concurrent_streams",
                "backend_deadline", "max_watch_keys", "default_poll_interval", "min_poll_interval",
                "max_calls_per_client", "max_streams_per_client", "max_watchers", "rate_per_second", "rate_burst");
        AgentLimits d = AgentLimits.DEFAULTS;
        return new AgentLimits(
                (int) s.size("max_key_bytes", d.maxKeyBytes(), 1, d.maxKeyBytes()),
                (int) s.size("max_value_bytes", d.maxValueBytes(), 1, d.maxValueBytes()),
                (int) s.size("max_message_bytes", d.maxMessageBytes(), 64 * 1024, 64 << 20),
                (int) s.size("max_concurrent_streams", d.maxConcurrentStreams(), 1, 10_000),
                s.duration("backend_deadline", d.backendDeadline()),
                (int) s.size("max_watch_keys", d.maxWatchKeys(), 1, 10_000_000),
                s.duration("default_poll_interval", d.defaultPollInterval()),
                s.duration("min_poll_interval", d.minPollInterval()),
                (int) s.size("max_calls_per_client", d.maxCallsPerClient(), 1, 100_000),
                (int) s.size("max_streams_per_client", d.maxStreamsPerClient(), 1, 100_000),
                (int) s.size("max_watchers", d.maxWatchers(), 1, 100_000),
                s.number("rate_per_second", d.ratePerSecond()),
                (int) s.size("rate_burst", d.rateBurst(), 1, 1_000_000));
    }

    private static ConnectionLimits connections(Section s) throws ConfigException {
        s.allowOnly("max_connections", "max_connections_per_peer", "handshake_timeout", "idle_timeout",
                "request_timeout");
        ConnectionLimits d = ConnectionLimits.DEFAULTS;
        return new ConnectionLimits(
                (int) s.size("max_connections", d.maxConnections(), 1, 1_000_000),
                (int) s.size("max_connections_per_peer", d.maxConnectionsPerPeer(), 1, 1_000_000),
                s.duration("handshake_timeout", d.handshakeTimeout()),
                s.duration("idle_timeout", d.idleTimeout()),
                s.duration("request_timeout", d.requestTimeout()));
    }

    private static AuditSettings audit(Section s, Path base) throws ConfigException {
        s.allowOnly("file", "max_bytes", "keep");
        AuditSettings d = AuditSettings.STDERR_ONLY;
        return new AuditSettings(s.string("file").map(base::resolve), s.size("max_bytes", d.maxBytes(), 4096,
                Long.MAX_VALUE), (int) s.size("keep", d.keep(), 1, 1000));
    }

    /** A mapping in the file, known by its path there, for messages such as "clients[1].read: …". */
    private record Section(String file, String path, Map<?, ?> map) {

        static Section of(String file, String path, Object value) throws ConfigException {
            if (value instanceof Map<?, ?> map) {
                return new Section(file, path, map);
            }
            throw new ConfigException(file + ": " + (path.isEmpty() ? "the document" : path)
                    + ": expected a mapping (key: value), got " + describe(value));
        }

        ConfigException error(String key, String message) {
            String where = path.isEmpty() ? key : key.isEmpty() ? path : path + "." + key;
            return new ConfigException(file + ": " + where + ": " + message);
        }

        void allowOnly(String... keys) throws ConfigException {
            List<String> known = List.of(keys);
            for (Object key : map.keySet()) {
                if (!known.contains(String.valueOf(key))) {
                    throw error(String.valueOf(key), "unknown setting; known here: " + String.join(", ", known));
                }
            }
        }

        Section section(String key) throws ConfigException {
            Object value = map.get(key);
            return value == null ? new Section(file, key, Map.of()) : of(file, join(key), value);
        }

        List<Object> list(String key) throws ConfigException {
            Object value = map.get(key);
            if (value == null) {
                return List.of();
            }
            if (value instanceof List<?> list) {
                return new ArrayList<>(list);
            }
            throw error(key, "expected a list, got " + describe(value));
        }

        Optional<String> string(String key) throws ConfigException {
            Object value = map.get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (value instanceof String text && !text.isBlank()) {
                return Optional.of(text);
            }
            throw error(key, "expected a non-empty string, got " + describe(value));
        }

        Optional<Boolean> bool(String key) throws ConfigException {
            Object value = map.get(key);
            if (value == null) {
                return Optional.empty();
            }
            if (value instanceof Boolean flag) {
                return Optional.of(flag);
            }
            throw error(key, "expected true or false, got " + describe(value));
        }

        /** A count or a size: an integer, or a string such as "64KiB" or "4 MiB". */
        long size(String key, long fallback, long min, long max) throws ConfigException {
            Object value = map.get(key);
            if (value == null) {
                return fallback;
            }
            long n;
            if (value instanceof Integer || value instanceof Long) {
                n = ((Number) value).longValue();
            } else if (value instanceof String text && SIZE.matcher(text.strip()).matches()) {
                Matcher m = SIZE.matcher(text.strip());
                m.matches();
                int shift = switch (m.group(2)) {
                    case "KiB" -> 10;
                    case "MiB" -> 20;
                    case "GiB" -> 30;
                    default -> 0;
                };
                long count = parse(key, m.group(1), max);
                if (count > (Long.MAX_VALUE >> shift)) {
                    throw error(key, text.strip() + " is out of range " + min + ".." + max);
                }
                n = count << shift;
            } else {
                throw error(key, "expected a whole number (or e.g. \"64KiB\"), got " + describe(value));
            }
            if (n < min || n > max) {
                throw error(key, n + " is out of range " + min + ".." + max);
            }
            return n;
        }

        double number(String key, double fallback) throws ConfigException {
            Object value = map.get(key);
            if (value == null) {
                return fallback;
            }
            if (value instanceof Number n && n.doubleValue() > 0 && Double.isFinite(n.doubleValue())) {
                return n.doubleValue();
            }
            throw error(key, "expected a positive number, got " + describe(value));
        }

        /** A duration: "500ms", "5s", "1m". */
        Duration duration(String key, Duration fallback) throws ConfigException {
            Object value = map.get(key);
            if (value == null) {
                return fallback;
            }
            Matcher m = value instanceof String text ? DURATION.matcher(text.strip()) : null;
            if (m == null || !m.matches() || m.group(1).matches("0+")) {
                throw error(key, "expected a positive duration such as \"500ms\", \"5s\" or \"1m\", got "
                        + describe(value));
            }
            long unitMillis = switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1000;
                default -> 60_000;
            };
            long n = parse(key, m.group(1), MAX_DURATION.toMillis() / unitMillis);
            if (n > MAX_DURATION.toMillis() / unitMillis) {
                throw error(key, value + " is longer than " + MAX_DURATION.toHours() + " hours, the longest allowed");
            }
            return Duration.ofMillis(n * unitMillis);
        }

        /** A whole number of digits that may be too long for a long: out of range rather than a stack trace. */
        private long parse(String key, String digits, long max) throws ConfigException {
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException tooLong) {
                throw error(key, digits + " is out of range (at most " + max + ")");
            }
        }

        private String join(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        private static String describe(Object value) {
            return value == null ? "nothing" : value instanceof String ? "\"" + value + "\""
                    : value.getClass().getSimpleName().toLowerCase() + " " + value;
        }
    }
}
