package io.pvscope.agent.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration file: what it sets, and the message each kind of mistake gets at start-up. */
class ConfigFileTest {

    @TempDir
    Path dir;

    @BeforeEach
    void token() throws Exception {
        Files.writeString(dir.resolve("ide.token"), "0123456789abcdef0123456789abcdef\n");
        Files.setPosixFilePermissions(dir.resolve("ide.token"), PosixFilePermissions.fromString("rw-------"));
    }

    private SecurityConfig load(String yaml) throws Exception {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, yaml);
        return ConfigFile.load(file);
    }

    private void assertRefused(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(dir.resolve("agent.yaml").toString()).hasMessageContaining(message);
    }

    @Test
    void numbersTooLargeForTheirSettingAreRefusedByName() throws Exception {
        String client = "clients: [{name: local, local: true, read: [\"*\"]}]\n";
        assertRefused(client + "limits: {max_value_bytes: \"99999999999999999999\"}\n",
                "limits.max_value_bytes: 99999999999999999999 is out of range");
        assertRefused(client + "limits: {backend_deadline: \"999999999999999999m\"}\n",
                "limits.backend_deadline: 999999999999999999m is longer than 24 hours");
        assertRefused(client + "limits: {backend_deadline: \"9223372036854775807s\"}\n",
                "limits.backend_deadline: 9223372036854775807s is longer than 24 hours");
        assertRefused(client + "limits: {backend_deadline: \"99999999999999999999999ms\"}\n",
                "limits.backend_deadline: 99999999999999999999999 is out of range");
        assertRefused(client + "audit: {max_bytes: \"18014398509482048KiB\"}\n",
                "audit.max_bytes: 18014398509482048KiB is out of range");
        assertRefused("clients: [{name: local, local: true, read: [\"foo:bar\"]}]\n",
                "'foo:bar': 'foo' is not a store kind (xenstore, kvp, guestinfo, pvbus, sim) or a unit number");
        assertThat(load(client + "limits: {backend_deadline: \"24h\"}\n".replace("24h", "1440m")).limits()
                .backendDeadline()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void readsClientsLimitsAndAudit() throws Exception {
        SecurityConfig config = load("""
                clients:
                  - {name: ide, token_file: ide.token, read: ["*"], write: ["sim:data/"]}
                  - {name: here, local: true, read: ["xenstore:data/"]}
                limits: {max_value_bytes: 4KiB, backend_deadline: 250ms, rate_per_second: 2.5}
                audit: {file: audit.log, max_bytes: 1MiB, keep: 3}
                """);

        assertThat(config.access().byToken("0123456789abcdef0123456789abcdef")).get()
                .extracting(c -> c.grant().write().texts()).asList().containsExactly("sim:data/");
        assertThat(config.access().byToken("0123456789abcdef0123456789abcdeX")).isEmpty();
        assertThat(config.access().local()).get().extracting(Client::name).isEqualTo("here");
        assertThat(config.limits().maxValueBytes()).isEqualTo(4096);
        assertThat(config.limits().backendDeadline()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.limits().ratePerSecond()).isEqualTo(2.5);
        assertThat(config.limits().maxKeyBytes()).isEqualTo(1024);
        assertThat(config.audit().file()).contains(dir.resolve("audit.log"));
        assertThat(config.audit().keep()).isEqualTo(3);
    }

    @Test
    void readsConnectionLimitsAndKeepsTheDefaultsOfThoseNotGiven() throws Exception {
        SecurityConfig config = load("""
                clients: [{name: here, local: true, read: ["*"]}]
                connections: {max_connections_per_peer: 8, idle_timeout: 30s}
                """);

        assertThat(config.connections()).isEqualTo(new io.pvscope.agent.server.ConnectionLimits(
                1024, 8, java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(30),
                java.time.Duration.ofSeconds(10)));
    }

    @Test
    void mistakesNameTheFileAndTheSetting() {
        assertRefused("clients: [{name: a, token_file: ide.token, wirte: [x]}]", "clients[0].wirte: unknown setting");
        assertRefused("clients: [{name: a}]", "clients[0]: give exactly one of token_file, subject and local");
        assertRefused("clients: [{name: a, local: true, subject: CN=a}]", "exactly one of");
        assertRefused("clients: [{name: a, local: true}, {name: a, subject: CN=b}]", "clients[1].name: 'a' names two");
        assertRefused("clients: [{name: a, local: true, write: [\"\"]}]", "clients[0].write: an empty prefix");
        assertRefused("clients: [{name: a, token_file: missing.token}]", "clients[0].token_file:");
        assertRefused("limits: {max_value_bytes: 1MiB}", "limits.max_value_bytes: 1048576 is out of range");
        assertRefused("limits: {backend_deadline: 5}", "limits.backend_deadline: expected a positive duration");
        assertRefused("limits: {rate_per_second: -1}", "limits.rate_per_second: expected a positive number");
        assertRefused("audit: [file]", "audit: expected a mapping");
        assertRefused("connections: {max_conections: 5}", "connections.max_conections: unknown setting");
        assertRefused("connections: {max_connections_per_peer: 0}",
                "connections.max_connections_per_peer: 0 is out of range 1..1000000");
        assertRefused("connections: {idle_timeout: \"2d\"}", "connections.idle_timeout: expected a positive duration");
        assertRefused("clients: [{name: a, local: true}\n", "not valid YAML");
        assertRefused("listen: 0.0.0.0:7393", "listen: unknown setting");
    }

    @Test
    void aTokenOthersCanReadOrATooShortOneIsRefused() throws Exception {
        Path open = dir.resolve("open.token");
        Files.writeString(open, "0123456789abcdef0123456789abcdef");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        Path shortToken = dir.resolve("short.token");
        Files.writeString(shortToken, "abc");
        Files.setPosixFilePermissions(shortToken, PosixFilePermissions.fromString("rw-------"));

        assertRefused("clients: [{name: a, token_file: open.token}]", "other users may read");
        assertRefused("clients: [{name: a, token_file: short.token}]", "at least 16 characters");
    }

    @Test
    void aTokenItsGroupMayReadOrWriteOneOfAnotherUserOrAGuessableOneIsRefused() throws Exception {
        token("group.token", "0123456789abcdef0123456789abcdef", "rw-r-----");
        token("groupw.token", "0123456789abcdef0123456789abcdef", "rw--w----");
        token("repeated.token", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "rw-------");

        assertRefused("clients: [{name: a, token_file: group.token}]", "group.token: other users may read or change"
                + " this token (mode rw-r-----)");
        assertRefused("clients: [{name: a, token_file: groupw.token}]", "(mode rw--w----)");
        assertRefused("clients: [{name: a, token_file: repeated.token}]", "fewer than 8 different characters");
        if (new com.sun.security.auth.module.UnixSystem().getUid() == 0) {
            Path theirs = token("theirs.token", "0123456789abcdef0123456789abcdef", "rw-------");
            Files.setAttribute(theirs, "unix:uid", 65534);
            assertRefused("clients: [{name: a, token_file: theirs.token}]",
                    "token file " + theirs + " belongs to user 65534");
        }
    }

    private Path token(String name, String token, String mode) throws Exception {
        Path file = Files.writeString(dir.resolve(name), token + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
