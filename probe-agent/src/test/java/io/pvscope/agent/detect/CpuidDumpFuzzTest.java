package io.pvscope.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/** A {@code cpuid -r} capture in a fake root is text from anywhere: it must parse, and never invent leaves. */
class CpuidDumpFuzzTest {

    @FuzzTest
    void anyTextParses(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();

        CpuidDump dump = CpuidDump.parse("fuzz", text.lines().toList());

        // A leaf that no line names reads as zeros.
        if (!text.contains("0x40000100")) {
            assertThat(dump.read(0x40000100)).isEqualTo(CpuidRegisters.ZERO);
        }
    }

    /** Well-formed leaf lines among arbitrary ones: the first CPU's sub-leaf 0 values are what is read. */
    @FuzzTest
    void leafLinesAmongNoiseAreRead(FuzzedDataProvider data) {
        int leaf = data.consumeInt();
        int eax = data.consumeInt();
        int ebx = data.consumeInt();
        List<String> lines = new ArrayList<>();
        lines.add("CPU 0:");
        lines.add(data.consumeString(200).replace("\n", " ").replace("\r", " ").replace("\u2028", " ")
                .replace("\u2029", " ").replace("\u0085", " ").replace("\u000b", " ").replace("\f", " "));
        lines.add(String.format("   0x%08x 0x00: eax=0x%08x ebx=0x%08x ecx=0x%x edx=0x%x", leaf, eax, ebx,
                data.consumeInt(), data.consumeInt()));
        lines.add("CPU 1:");
        lines.add(String.format("   0x%08x 0x00: eax=0x%08x ebx=0x0 ecx=0x0 edx=0x0", leaf, ~eax));

        CpuidDump dump = CpuidDump.parse("fuzz", lines);

        // The noise line may itself be a leaf line for the same leaf, and then it came first; or a CPU
        // header, and then the first CPU's part ended before the leaf line.
        String noise = lines.get(1);
        if (!noise.contains("eax=") && !noise.matches("\\s*CPU\\s+\\d+:\\s*")) {
            assertThat(dump.read(leaf).eax()).isEqualTo(eax);
            assertThat(dump.read(leaf).ebx()).isEqualTo(ebx);
        }
    }
}
