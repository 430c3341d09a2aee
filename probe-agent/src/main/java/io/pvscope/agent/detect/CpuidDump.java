package io.pvscope.agent.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CPUID capture in the text format of {@code cpuid -r -1} (Debian's cpuid package), as stored in a fake
 * root: lines like {@code 0x40000000 0x00: eax=0x40000001 ebx=0x4b4d564b ecx=0x564b4d56 edx=0x0000004d}.
 * Only the first CPU and sub-leaf 0 are kept; a leaf that is not listed reads as zeros.
 */
public final class CpuidDump implements CpuidSource {

    private static final Pattern LEAF_LINE = Pattern.compile(
            "^\\s*0x([0-9a-fA-F]{1,8})\\s+0x([0-9a-fA-F]{1,8}):\\s*"
                    + "eax=0x([0-9a-fA-F]{1,8})\\s+ebx=0x([0-9a-fA-F]{1,8})\\s+"
                    + "ecx=0x([0-9a-fA-F]{1,8})\\s+edx=0x([0-9a-fA-F]{1,8})\\s*$");
    private static final Pattern CPU_HEADER = Pattern.compile("^\\s*CPU\\s+\\d+:\\s*$");

    private final String description;
    private final Map<Integer, CpuidRegisters> leaves;

    CpuidDump(String description, Map<Integer, CpuidRegisters> leaves) {
        this.description = description;
        this.leaves = Map.copyOf(leaves);
    }

    public static CpuidDump load(Path file) throws IOException {
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.ISO_8859_1));
    }

    /** Parses dump text; lines that are not leaf lines (headers, warnings) are ignored. */
    public static CpuidDump parse(String description, List<String> lines) {
        Map<Integer, CpuidRegisters> leaves = new HashMap<>();
        int cpuHeaders = 0;
        for (String line : lines) {
            if (CPU_HEADER.matcher(line).matches() && ++cpuHeaders > 1) {
                break;
            }
            Matcher m = LEAF_LINE.matcher(line);
            if (m.matches() && Integer.parseUnsignedInt(m.group(2), 16) == 0) {
                leaves.putIfAbsent(Integer.parseUnsignedInt(m.group(1), 16), new CpuidRegisters(
                        hex(m.group(3)), hex(m.group(4)), hex(m.group(5)), hex(m.group(6))));
            }
        }
        return new CpuidDump(description, leaves);
    }

    private static int hex(String digits) {
        return Integer.parseUnsignedInt(digits, 16);
    }

    @Override
    public CpuidRegisters read(int leaf) {
        return leaves.getOrDefault(leaf, CpuidRegisters.ZERO);
    }

    @Override
    public String description() {
        return description + " (cpuid -r dump)";
    }
}
