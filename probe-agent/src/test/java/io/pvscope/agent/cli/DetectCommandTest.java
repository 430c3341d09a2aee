package io.pvscope.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.pvscope.agent.detect.FakeRoots;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class DetectCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CommandLines.forArguments(args).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void jsonListsExactlyTheUnitsTheRootImplies() {
        int exit = run("detect", "--json", "--root", FakeRoots.path("kvm-hyperv").toString());

        assertThat(exit).isZero();
        JsonObject json = JsonParser.parseString(out.toString()).getAsJsonObject();
        JsonArray units = json.getAsJsonArray("units");
        assertThat(units).hasSize(2);
        JsonObject kvm = units.get(0).getAsJsonObject();
        assertThat(kvm.get("unit").getAsInt()).isZero();
        assertThat(kvm.get("name").getAsString()).isEqualTo("KVM");
        assertThat(kvm.get("signature").getAsString()).isEqualTo("KVMKVMKVM");
        assertThat(kvm.get("base").getAsString()).isEqualTo("0x40000100");
        assertThat(kvm.get("maxLeaf").getAsString()).isEqualTo("0x40000101");
        assertThat(kvm.get("features").getAsString()).isEqualTo("0x01007afb");
        assertThat(kvm.get("version").isJsonNull()).isTrue();
        assertThat(kvm.getAsJsonArray("evidence")).isNotEmpty();
        JsonObject hyperV = units.get(1).getAsJsonObject();
        assertThat(hyperV.get("name").getAsString()).isEqualTo("Hyper-V");
        assertThat(hyperV.get("version").getAsString()).isEqualTo("10.0");
        assertThat(json.getAsJsonObject("platform").get("vendor").getAsString()).isEqualTo("QEMU");
        assertThat(json.get("role").isJsonNull()).isTrue();
        assertThat(json.getAsJsonObject("container").get("detected").getAsBoolean()).isFalse();
    }

    @Test
    void jsonRoleOfADom0IsDom0AndPv() {
        run("detect", "--json", "--root", FakeRoots.path("xen-dom0").toString());

        JsonObject role = JsonParser.parseString(out.toString()).getAsJsonObject().getAsJsonObject("role");
        assertThat(role.get("domain").getAsString()).isEqualTo("dom0");
        assertThat(role.get("mode").getAsString()).isEqualTo("pv");
    }

    @Test
    void textOutputStartsWithPvbusDmesgLine() {
        int exit = run("detect", "--root", FakeRoots.path("xen-viridian").toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("pvbus0 at mainbus0: Hyper-V 6.1, Xen 4.17\n")
                .contains("/dev/pvbus1: Xen");
    }

    @Test
    void noUnitsStillExitsZero() {
        int exit = run("detect", "--json", "--root", FakeRoots.path("no-hypervisor").toString());

        assertThat(exit).isZero();
        assertThat(JsonParser.parseString(out.toString()).getAsJsonObject().getAsJsonArray("units")).isEmpty();
    }

    @Test
    void missingRootDirectoryIsAUsageError() {
        int exit = run("detect", "--root", "/nonexistent/pvscope-root");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--root: not a directory");
    }

    @Test
    void benchmarkTimesTheLiveAndTheCapturedRootAgainstTheBaseline() {
        String captured = FakeRoots.path("kvm-this-machine").toString();
        int exit = run("detect", "--benchmark", "5", "--root", captured);

        assertThat(exit).isZero();
        assertThat(out.toString().lines().toList()).hasSize(7).satisfies(lines -> {
            assertThat(lines.get(0)).isEqualTo("detection benchmark: 5 timed runs each, after 1000 warm-up runs");
            assertThat(lines.get(1)).isEqualTo("baseline  read /proc/cpuinfo");
            assertThat(lines.get(2)).containsPattern("^ +mean +[0-9.]+ us  median +[0-9.]+ us  p99 +[0-9.]+ us$");
            assertThat(lines.get(3)).isEqualTo("live      /");
            assertThat(lines.get(4)).containsPattern("[0-9.]+x baseline, (within|OVER) the 2000 us bar$");
            assertThat(lines.get(5)).isEqualTo("captured  " + captured);
            assertThat(lines.get(6)).contains(" p99 ").contains("x baseline");
        });
    }

    @Test
    void benchmarkNeedsAtLeastOneRun() {
        assertThat(run("detect", "--benchmark", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--benchmark: N must be at least 1");
    }
}
