package io.pvscope.agent.openbsd;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.pvscope.agent.cli.CommandLines;
import io.pvscope.agent.detect.FakeRoots;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What a user sees replaying an OpenBSD capture from a bug report with --root. */
class OpenBsdCaptureCommandTest {

    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        return CommandLines.forArguments(args).setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()))
                .execute(args);
    }

    @Test
    void detectPrintsThePvbusLineOfTheCapture() {
        int exit = run("detect", "--root", FakeRoots.path("openbsd-kvm-hyperv").toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("pvbus0 at mainbus0: KVM, Hyper-V 6.1\n")
                .contains("/dev/pvbus1: Hyper-V (found by dmesg)");
    }

    @Test
    void treeJsonHasXnfUnderXen0() {
        int exit = run("tree", "--json", "--root", FakeRoots.path("openbsd-xen").toString());

        assertThat(exit).isZero();
        JsonObject xen0 = JsonParser.parseString(out.toString()).getAsJsonObject().getAsJsonObject("root")
                .getAsJsonArray("children").get(0).getAsJsonObject()     // pvbus0
                .getAsJsonArray("children").get(0).getAsJsonObject()     // Xen
                .getAsJsonArray("children").get(0).getAsJsonObject();    // xen0
        assertThat(xen0.get("name").getAsString()).isEqualTo("xen0");
        assertThat(xen0.getAsJsonArray("children").get(1).getAsJsonObject().get("source").getAsString())
                .isEqualTo("xnf0 at xen0 backend 0 channel 7: address 00:16:3e:5c:9a:12");
    }
}
