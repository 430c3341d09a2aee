package io.pvscope.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** serve's arguments parsed without picocli come out as picocli sets them, or are left to picocli. */
class ServeArgumentsTest {

    static Stream<List<String>> plain() {
        return Stream.of(
                List.of("serve"),
                List.of("serve", "--listen", "127.0.0.1:0", "--store", "sim=/tmp/a b.json"),
                List.of("serve", "--listen=[::1]:7000", "--store=sim=/tmp/x.json", "--store", "none"),
                List.of("serve", "--socket", "/run/pvscope/agent.sock", "--socket-mode", "rw-------"),
                List.of("serve", "--allow-write", "sim:data/", "0:x", "--allow-write", "y", "--listen", "127.0.0.1:1"),
                List.of("serve", "--allow-write=sim:"),
                List.of("serve", "--tls-cert", "c.pem", "--tls-key", "k.pem", "--client-ca", "ca.pem",
                        "--listen", "0.0.0.0:7393"),
                List.of("serve", "--token-file", "/etc/pvscope/token", "--root", "/tmp"),
                List.of("serve", "--config", "/etc/pvscope/agent.yaml", "--xenstore", "/dev/xen/xenbus",
                        "--kvp-pool-dir", "/var/lib/hyperv", "--guestinfo-tool", "/usr/bin/vmware-rpctool"));
    }

    @ParameterizedTest
    @MethodSource("plain")
    void plainArgumentsAreSetAsPicocliSetsThem(List<String> args) throws Exception {
        Optional<ServeCommand> fast = ServeArguments.parse(args.toArray(String[]::new));

        assertThat(fast).isPresent();
        assertThat(values(fast.get())).isEqualTo(values(byPicocli(args)));
    }

    static Stream<List<String>> leftToPicocli() {
        return Stream.of(
                List.of("detect"),
                List.of("serve", "--help"),
                List.of("serve", "-h"),
                List.of("serve", "--version"),
                List.of("serve", "@args.txt"),
                List.of("serve", "--bogus", "x"),
                List.of("serve", "extra"),
                List.of("serve", "--listen"),
                List.of("serve", "--listen", "--store", "sim"),
                List.of("serve", "--listen", "127.0.0.1:1", "--listen", "127.0.0.1:2"),
                List.of("serve", "--xenstore", "a", "--xenstore", "b"),
                List.of("serve", "--allow-write=a", "b"),
                List.of("serve", "--allow-write", "-x"),
                List.of("serve", "--root", "\0"));
    }

    @ParameterizedTest
    @MethodSource("leftToPicocli")
    void anythingElseIsLeftToPicocli(List<String> args) {
        assertThat(ServeArguments.parse(args.toArray(String[]::new))).isEmpty();
    }

    @Test
    void everyOptionOfServeIsTakenWithoutPicocli() {
        CommandLine serve = CommandLines.full().getSubcommands().get("serve");
        for (OptionSpec option : serve.getCommandSpec().options()) {
            String name = option.longestName();
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            List<String> args = new ArrayList<>(List.of("serve", name, "value"));
            assertThat(ServeArguments.parse(args.toArray(String[]::new))).as(name).isPresent();
        }
    }

    @Test
    void aUsageErrorIsReportedByPicocliAsBefore() throws Exception {
        // Checked before anything is opened, so that picocli can find it again and answer with the usage.
        assertThat(ServeArguments.run(new String[] {"serve", "--tls-cert", "only.pem"})).isEmpty();
    }

    private static ServeCommand byPicocli(List<String> args) {
        CommandLine commandLine = CommandLines.forArguments(args.toArray(String[]::new));
        commandLine.parseArgs(args.toArray(String[]::new));
        return commandLine.getSubcommands().get("serve").getCommand();
    }

    /** Every field picocli may set, the mixins' included, by name. */
    private static Map<String, Object> values(Object command) throws IllegalAccessException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : command.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || field.getName().equals("spec")) {
                continue;
            }
            field.setAccessible(true);
            Object value = field.get(command);
            if (value instanceof RootOption || value instanceof StoreOptions) {
                values(value).forEach((name, inner) -> values.put(field.getName() + "." + name, inner));
            } else {
                values.put(field.getName(), value instanceof Collection<?> list ? List.copyOf(list)
                        : value instanceof Map<?, ?> map ? Map.copyOf(map) : value);
            }
        }
        return values;
    }
}
