package io.pvscope.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import io.pvscope.agent.bus.StoreBackends;
import io.pvscope.agent.bus.StoreDiscovery;
import io.pvscope.agent.kv.StoreBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {

    @Test
    void nonLoopbackAddressIsRefusedBeforeBinding() {
        StringWriter err = new StringWriter();
        int exit = CommandLines.full().setErr(new PrintWriter(err))
                .execute("serve", "--listen", "0.0.0.0:0");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("refusing a non-loopback address");
    }

    private static String refusal(String... args) {
        StringWriter err = new StringWriter();
        int exit = CommandLines.full().setErr(new PrintWriter(err)).execute(args);
        assertThat(exit).isEqualTo(2);
        return err.toString();
    }

    @Test
    void tlsWithoutAWayToAuthenticateClientsIsRefused() {
        assertThat(refusal("serve", "--listen", "0.0.0.0:0", "--tls-cert", "a.pem", "--tls-key", "k.pem"))
                .contains("needs client authentication: --client-ca or --token-file");
        assertThat(refusal("serve", "--tls-cert", "a.pem")).contains("--tls-cert and --tls-key go together");
        assertThat(refusal("serve", "--client-ca", "ca.pem")).contains("client certificates need TLS");
        assertThat(refusal("serve", "--config", "x.yaml", "--allow-write", "sim:")).contains("give write prefixes");
        assertThat(refusal("serve", "--config", "/nonexistent/agent.yaml")).contains("cannot read");
    }

    @Test
    void aStoreFileThatCannotBeReadEndsServeBeforeItAnnouncesAnything(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("sim.json"), "{\"format\": \"pvscope-sim/1\", \"nodes\": {");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CommandLines.full().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("serve", "--listen", "127.0.0.1:0", "--store", "sim=" + broken);

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains(broken + ": not a simulated store file");
        assertThat(out.toString()).doesNotContain("serving on");
    }

    @Test
    void serveAndTheCommandPrintTheVersion() {
        StringWriter out = new StringWriter();
        int exit = CommandLines.full().setOut(new PrintWriter(out)).execute("serve", "--version");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("pvscope-agent ").doesNotContain("unknown");
    }

    @Test
    void badListenAddressIsAUsageError() {
        StringWriter err = new StringWriter();
        int exit = CommandLines.full().setErr(new PrintWriter(err))
                .execute("serve", "--listen", "localhost:http");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("not a port number");
    }

    @Test
    void helpOffersEveryBackendsOptionAndNamesEveryKindAGrantMayScope() {
        StringWriter out = new StringWriter();
        int exit = CommandLines.full().setOut(new PrintWriter(out)).execute("serve", "--help");

        assertThat(exit).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        for (StoreBackend backend : StoreBackends.all()) {
            backend.option().ifPresent(option -> assertThat(help).contains(option.name() + "=" + option.paramLabel())
                    .contains(option.description()));
        }
        assertThat(help).contains("'KIND:PREFIX' (" + String.join(", ", StoreBackends.kinds()) + ";");
    }

    @Test
    void aBackendsOptionAttachesItsStoreAlone(@TempDir Path pools) throws Exception {
        CommandLine commandLine = CommandLines.full();
        commandLine.parseArgs("serve", "--kvp-pool-dir", pools.toString());
        StoreOptions options = (StoreOptions) commandLine.getSubcommands().get("serve").getCommandSpec().mixins()
                .get("stores").userObject();

        StoreDiscovery.Result result = options.open();

        assertThat(result.stores()).singleElement().satisfies(store -> {
            assertThat(store.info().kind()).isEqualTo("kvp");
            assertThat(store.info().location()).isEqualTo(pools.toString());
        });
    }
}
