package io.pvscope.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

/**
 * The plug-ins depend downward only: io.pvscope.core knows no UI; io.pvscope.ui renders the core's model and
 * knows neither the debug integration nor the wire contract (proto, Protobuf, gRPC); io.pvscope.debug.ui uses
 * the UI only through its API packages, and the wire contract not at all.
 */
class PluginLayersTest {

    @Test
    void coreHasNoUi() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.pvscope.ui..", "io.pvscope.debug.ui..", "org.eclipse.swt..",
                        "org.eclipse.jface..", "org.eclipse.ui..")
                .because("io.pvscope.core is the client and its model, usable without a workbench")
                .check(CompiledClasses.plugin("io.pvscope.core"));
    }

    @Test
    void uiRendersTheCoreModelOnly() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.pvscope.debug.ui..", "io.pvscope.proto..", "com.google.protobuf..",
                        "io.grpc..")
                .because("io.pvscope.ui renders the core's model, the wire contract stays behind the core, and "
                        + "the debug integration builds on the UI, not the other way round")
                .check(CompiledClasses.plugin("io.pvscope.ui"));
    }

    @Test
    void debugUiUsesTheUiApiOnly() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.pvscope.ui.internal..", "io.pvscope.proto..", "com.google.protobuf..",
                        "io.grpc..")
                .because("io.pvscope.debug.ui uses io.pvscope.ui's exported API and the core's model, not the "
                        + "UI's internals or the wire contract")
                .check(CompiledClasses.plugin("io.pvscope.debug.ui"));
    }
}
