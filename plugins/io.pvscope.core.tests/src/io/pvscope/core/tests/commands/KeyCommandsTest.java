package io.pvscope.core.tests.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;

import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.TargetSecurity;
import io.pvscope.core.commands.KeyCommands;
import io.pvscope.core.tests.agent.AgentProcess;
import io.pvscope.core.tests.agent.ConnectedAgent;

/** The copied commands name the right key, unit and transport, and hostctl's really reads the key. */
class KeyCommandsTest {

    private static ConnectedAgent peer;
    private static AgentProcess agent;
    private static TargetConnection connection;
    private static int unit;

    @BeforeAll
    static void start() throws Exception {
        peer = ConnectedAgent.start();
        agent = peer.agent();
        connection = peer.connection();
        unit = peer.simulatedUnit();
    }

    @AfterAll
    static void stop() throws Exception {
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void hostctlCommandReadsTheKeyFromTheRealAgent() throws Exception {
        String value = "it's \"quoted\" $HOME `x`";
        connection.store(unit).write("data/copied", ByteString.copyFromUtf8(value)).get(30, TimeUnit.SECONDS);
        String command = KeyCommands.hostctl(agent.target(), unit, "data/copied", false);

        // hostctl is the agent's own, run from its jar as bin/hostctl does.
        Path jar = Path.of(System.getProperty(AgentProcess.JAR_PROPERTY));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String shell = "hostctl() { \"$JAVA\" --enable-native-access=ALL-UNNAMED -cp \"$JAR\""
                + " io.pvscope.agent.cli.HostctlMain \"$@\"; }\n" + command;
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", shell)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JAVA", java.toString());
        builder.environment().put("JAR", jar.toString());
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        assertEquals(value + "\n", out, "hostctl prints the value (plain ASCII needs no vis encoding)");
    }

    @Test
    void hostctlCommandCarriesTheTargetsTlsFiles() throws Exception {
        Target target = new Target("tls", "guest.example", 7393,
                new TargetSecurity(true, "/ca dir/ca.pem", "/c/client.pem", "/c/client.key"));
        String command = KeyCommands.hostctl(target, 2, "-odd", true);
        assertEquals(List.of("hostctl", "-H", "guest.example:7393", "--ca", "/ca dir/ca.pem", "--cert",
                "/c/client.pem", "--key", "/c/client.key", "--token-file", "/run/t", "-f", "/dev/pvbus2", "--", "-odd"),
                argv("hostctl", KeyCommands.TOKEN_FILE_VARIABLE + "=/run/t", command));
    }

    @Test
    void grpcurlCommandIsPlaintextForAPlaintextTarget() throws Exception {
        String command = KeyCommands.grpcurl(agent.target(), unit, "data/it's", false);
        List<String> words = argv("grpcurl", "", command);
        assertEquals("-plaintext", words.get(1));
        assertEquals("-d", words.get(2));
        JsonObject request = JsonParser.parseString(words.get(3)).getAsJsonObject();
        assertEquals(unit, request.get("unit").getAsInt());
        assertEquals("data/it's", request.get("key").getAsString());
        assertEquals(agent.target().address(), words.get(4));
        assertEquals("pvscope.v1.PvBus/KvRead", words.get(5));
    }

    @Test
    void grpcurlCommandUsesTheTargetsCaAndTakesTheTokenFromTheEnvironment() throws Exception {
        Target target = new Target("tls", "::1", 7393, TargetSecurity.tls("/etc/pv/ca.pem"));
        String command = KeyCommands.grpcurl(target, 0, "name", true);
        assertTrue(!command.contains("-plaintext"), command);
        List<String> words = argv("grpcurl", KeyCommands.TOKEN_VARIABLE + "=s3cret", command);
        assertEquals(List.of("grpcurl", "-cacert", "/etc/pv/ca.pem", "-H", "authorization: Bearer s3cret", "-d",
                "{\"unit\":0,\"key\":\"name\"}", "[::1]:7393", "pvscope.v1.PvBus/KvRead"), words);
    }

    /** The argument vector {@code program} gets when the shell runs {@code command} after {@code setup}. */
    private static List<String> argv(String program, String setup, String command) throws Exception {
        return ShellWordsTest.printed(program + "() { printf '%s\\0' " + program + " \"$@\"; }\n" + setup + "\n" + command);
    }
}
