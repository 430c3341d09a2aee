package io.pvscope.agent.detect;

import io.pvscope.agent.fs.SystemRoot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * One model-specific register of CPU 0, read through the kernel's msr driver ({@code /dev/cpu/0/msr}: an
 * 8-byte read at the register's index as the file offset; root only) or, under a captured root, from a text
 * file at the same path: one register per line, {@code INDEX VALUE} in hexadecimal
 * (e.g. {@code 0xc0010131 0x0000000000000007}), lines starting with '#' ignored. A register that cannot be
 * read is evidence, never an error.
 */
final class ModelSpecificRegister {

    static final String DEVICE = "/dev/cpu/0/msr";

    /** The value, or empty with why. */
    record Reading(OptionalLong value, String failure) {
    }

    private ModelSpecificRegister() {
    }

    static Reading read(SystemRoot root, long index) {
        Path path = root.resolve(DEVICE);
        if (!root.isLive()) {
            return fromCapture(root, index);
        }
        if (!Files.exists(path)) {
            return failed("absent (no msr driver: modprobe msr as root)");
        }
        try (FileChannel device = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer value = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            int read = device.read(value, index);
            if (read != Long.BYTES) {
                return failed("short read (" + read + " bytes)");
            }
            return new Reading(OptionalLong.of(value.getLong(0)), "");
        } catch (IOException | SecurityException e) {
            // EIO: the CPU (or the hypervisor) refused the read, as for a register it does not have.
            return failed(SystemRoot.describe(e));
        }
    }

    private static Reading fromCapture(SystemRoot root, long index) {
        SystemRoot.TextFile capture = root.read(DEVICE);
        if (capture.text().isEmpty()) {
            return failed(capture.failure().equals("absent") ? "absent in the captured root" : capture.failure());
        }
        for (String line : capture.text().get().lines().toList()) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length == 2 && !fields[0].startsWith("#")) {
                try {
                    if (parse(fields[0]) == index) {
                        return new Reading(OptionalLong.of(parse(fields[1])), "");
                    }
                } catch (NumberFormatException e) {
                    return failed("capture line not INDEX VALUE in hexadecimal: " + line.strip());
                }
            }
        }
        return failed("not in the capture");
    }

    private static long parse(String hex) {
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        return Long.parseUnsignedLong(digits, 16);
    }

    private static Reading failed(String why) {
        return new Reading(OptionalLong.empty(), why);
    }
}
