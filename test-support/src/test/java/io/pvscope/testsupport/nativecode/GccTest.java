package io.pvscope.testsupport.nativecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GccTest {

    private static final Path BUILD = Path.of("target/gcc-test").toAbsolutePath();

    @BeforeEach
    void needsGcc() {
        assumeTrue(Gcc.unavailableReason().isEmpty(), () -> Gcc.unavailableReason().orElseThrow());
    }

    @Test
    void aResourceIsBuiltOncePerJvm() throws Exception {
        Path program = Gcc.program(CSource.resource(GccTest.class, "answer.c"), BUILD, "-Wall", "-Werror");
        Files.setLastModifiedTime(program, FileTime.fromMillis(0));

        assertThat(Gcc.program(CSource.resource(GccTest.class, "answer.c"), BUILD, "-Wall")).isEqualTo(program);
        assertThat(Files.getLastModifiedTime(program).toMillis()).as("not built again").isZero();
        Process run = new ProcessBuilder(program.toString()).start();
        assertThat(new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("42\n");
    }

    @Test
    void aSharedLibraryIsNamedAfterItsSource() throws Exception {
        Path library = Gcc.sharedLibrary(CSource.resource(GccTest.class, "answer.c"), BUILD.resolve("lib"));

        assertThat(library).isEqualTo(BUILD.resolve("lib/libanswer.so"));
        assertThat(library).isRegularFile();
    }

    @Test
    void aSourceThatDoesNotCompileFailsWithGccsOutput() {
        assertThatThrownBy(() -> Gcc.program(CSource.resource(GccTest.class, "broken.c"), BUILD))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("broken.c")
                .hasMessageContaining("undeclared_on_purpose");
    }

    @Test
    void aMissingResourceIsNamed() {
        assertThatThrownBy(() -> Gcc.program(CSource.resource(GccTest.class, "absent.c"), BUILD))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("absent.c");
    }
}
