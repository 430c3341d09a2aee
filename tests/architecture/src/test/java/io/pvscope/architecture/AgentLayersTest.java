package io.pvscope.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.library.Architectures;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's layers, checked on its compiled classes: each package may use only the layers below it, so
 * detection knows nothing of stores or gRPC, stores nothing of devices or the bus, and only the CLI wires
 * everything. Bottom to top: fs; detect and kv (side by side); devices (protocol state read from sysfs and
 * the stores); tree; openbsd (pvbus units, ioctl store and dmesg tree of an OpenBSD guest); bus (detection
 * per system, units bound to stores); server and hostctl (side by side); cli. Every layer may read the
 * agent's identity (its version) in the root package.
 */
class AgentLayersTest {

    private static final String AGENT = "io.pvscope.agent";
    private static final List<String> BOTTOM_UP =
            List.of("fs", "detect", "kv", "devices", "tree", "openbsd", "bus", "server", "hostctl", "cli");

    /** What each layer may use besides the root package's identity (the version); the rest it may not. */
    private static final Map<String, List<String>> MAY_USE = Map.of(
            "fs", List.of(),
            "detect", List.of("fs"),
            "kv", List.of("fs"),
            "devices", List.of("fs", "detect", "kv"),
            "tree", List.of("fs", "detect", "kv", "devices"),
            "openbsd", List.of("fs", "detect", "kv", "devices", "tree"),
            "bus", List.of("fs", "detect", "kv", "devices", "tree", "openbsd"),
            "server", List.of("fs", "detect", "kv", "devices", "tree", "openbsd", "bus"),
            "hostctl", List.of("fs", "detect", "kv", "devices", "tree", "openbsd", "bus"),
            "cli", List.of("fs", "detect", "kv", "devices", "tree", "openbsd", "bus", "server", "hostctl"));

    private static JavaClasses agent;

    @BeforeAll
    static void importAgent() {
        agent = CompiledClasses.agent();
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        Architectures.LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("identity").definedBy(AGENT);
        for (String layer : BOTTOM_UP) {
            layers = layers.layer(layer).definedBy(AGENT + "." + layer + "..");
        }
        layers = layers.whereLayer("identity").mayNotAccessAnyLayer();
        for (Map.Entry<String, List<String>> below : MAY_USE.entrySet()) {
            layers = layers.whereLayer(below.getKey()).mayOnlyAccessLayers(
                    Stream.concat(Stream.of("identity"), below.getValue().stream()).toArray(String[]::new));
        }
        layers.check(agent);
    }

    @Test
    void everyPackageBelongsToALayer() {
        // A new top-level package must be placed in the layers above, or the layer rule would not see it.
        assertThat(agent.stream().map(type -> topPackage(type.getPackageName())).distinct())
                .isNotEmpty()
                .isSubsetOf(Stream.concat(Stream.of(""), BOTTOM_UP.stream()).toList());
    }

    private static String topPackage(String name) {
        String below = name.equals(AGENT) ? "" : name.substring(AGENT.length() + 1);
        int dot = below.indexOf('.');
        return dot < 0 ? below : below.substring(0, dot);
    }

    @Test
    void onlyTheServerAndTheCliSpeakGrpc() {
        noClasses()
                .that().resideInAnyPackage(AGENT + ".fs..", AGENT + ".detect..", AGENT + ".kv..",
                        AGENT + ".devices..", AGENT + ".tree..", AGENT + ".openbsd..", AGENT + ".bus..")
                .should().dependOnClassesThat().resideInAnyPackage("io.grpc..", "io.pvscope.proto..",
                        "com.google.protobuf..")
                .check(agent);
    }
}
