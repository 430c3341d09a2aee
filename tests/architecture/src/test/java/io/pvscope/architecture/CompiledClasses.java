package io.pvscope.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * The compiled classes of one module of the checkout (a plug-in, the agent), read from its
 * {@code target/classes}. A missing or empty folder fails the test instead of letting every rule pass on nothing.
 */
final class CompiledClasses {

    /** Set by the build to the checkout's root. */
    static final String ROOT_PROPERTY = "pvscope.root";

    private CompiledClasses() {
    }

    /** A plug-in's classes, e.g. {@code plugin("io.pvscope.core")}. */
    static JavaClasses plugin(String bundle) {
        return of(Path.of("plugins", bundle));
    }

    /** The agent's classes (not its tests, nor picocli's, which the agent's build compiles beside them). */
    static JavaClasses agent() {
        return of(Path.of("probe-agent"), new ClassFileImporter().withImportOption(
                location -> !location.contains("/picocli/")));
    }

    private static JavaClasses of(Path module) {
        return of(module, new ClassFileImporter());
    }

    private static JavaClasses of(Path module, ClassFileImporter importer) {
        String root = System.getProperty(ROOT_PROPERTY);
        assertThat(root).as("system property %s (the checkout's root), set by the build", ROOT_PROPERTY)
                .isNotBlank();
        Path classes = Path.of(root).resolve(module).resolve("target/classes").toAbsolutePath().normalize();
        assertThat(classes).as("%s's compiled classes; build it first (mvnw install from the root)", module)
                .isDirectory();
        assertThat(countClassFiles(classes)).as("class files under %s; build %s first", classes, module)
                .isPositive();
        JavaClasses imported = importer.importPath(classes);
        assertThat(imported).as("classes imported from %s", classes).isNotEmpty();
        return imported;
    }

    private static long countClassFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(file -> file.toString().endsWith(".class")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
