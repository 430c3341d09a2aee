package io.pvscope.testsupport.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QemuGuestTest {

    /** A program that dies in a store to address 0, as a JVM does when its own compiled code goes wrong. */
    private static final String CRASH = String.join("\n",
            "public class Crash {",
            "    public static void main(String[] args) throws Exception {",
            "        java.lang.reflect.Field field = sun.misc.Unsafe.class.getDeclaredField(\"theUnsafe\");",
            "        field.setAccessible(true);",
            "        ((sun.misc.Unsafe) field.get(null)).putAddress(0, 0);",
            "    }",
            "}",
            "");

    @Test
    void aFailureNamesTheSignalAndFrameOfAJvmThatCrashedInTheWorkDirectory(@TempDir Path work) throws Exception {
        Files.writeString(work.resolve("Crash.java"), CRASH);
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-CreateCoredumpOnCrash", "Crash.java").directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("stdout").toFile()).start();
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(work.resolve("stdout"))).contains(QemuGuest.JVM_CRASH);
        List<Path> reports;
        try (var files = Files.list(work)) {
            reports = files.filter(f -> f.getFileName().toString().startsWith("hs_err_pid")).toList();
        }
        assertThat(reports).as("the JVM's own report").hasSize(1);

        String summary = QemuGuest.fatalErrorSummaries(work);

        assertThat(summary).contains(reports.get(0).getFileName() + ":", "SIGSEGV", "Problematic frame:",
                "Current thread", "Native frames:", "Crash.main", "siginfo:");
        assertThat(summary).doesNotContain("Registers:", "Command Line:", "Java frames:");
        assertThat(summary.lines().count()).isLessThan(Files.readAllLines(reports.get(0)).size() / 4);
    }

    @Test
    void aWorkDirectoryWithoutReportsAddsNothing(@TempDir Path work) throws Exception {
        Files.writeString(work.resolve("stdout"), "pvscope-agent: serving on 0.0.0.0:7393\n");

        assertThat(QemuGuest.fatalErrorSummaries(work)).isEmpty();
    }
}
