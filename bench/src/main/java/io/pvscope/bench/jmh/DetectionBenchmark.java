package io.pvscope.bench.jmh;

import io.pvscope.agent.bus.Detection;
import io.pvscope.agent.fs.SystemRoot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A full detection of the running system in-process, after warm-up, against the floor of reading the same
 * kernel files and CPUID leaves without interpreting them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DetectionBenchmark {

    private static final String[] FILES = {"/proc/cpuinfo", "/sys/class/dmi/id/sys_vendor",
        "/sys/class/dmi/id/product_name", "/sys/hypervisor/type"};
    private static final Path CPUID = Path.of("/dev/cpu/0/cpuid");

    private final Clock clock = Clock.systemUTC();

    /** What the agent does on a refresh: detection and the device tree, from a fresh Detection. */
    @Benchmark
    public Object fullScan() {
        return new Detection(SystemRoot.live(), clock).refresh();
    }

    /** The I/O detection cannot avoid: the files it reads and the first two hypervisor CPUID leaves. */
    @Benchmark
    public long rawReads() {
        long bytes = 0;
        for (String file : FILES) {
            try {
                bytes += Files.readAllBytes(Path.of(file)).length;
            } catch (IOException e) {
                bytes--;
            }
        }
        try (FileChannel cpuid = FileChannel.open(CPUID, StandardOpenOption.READ)) {
            ByteBuffer regs = ByteBuffer.allocate(16);
            for (long leaf = 0x40000000L; leaf <= 0x40000001L; leaf++) {
                regs.clear();
                bytes += cpuid.read(regs, leaf);
            }
        } catch (IOException e) {
            bytes--;
        }
        return bytes;
    }
}
