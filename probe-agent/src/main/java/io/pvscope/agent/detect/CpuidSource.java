package io.pvscope.agent.detect;

import java.io.IOException;

/** One view of CPUID: the kernel's cpuid device, a captured dump, or the instruction itself. */
public interface CpuidSource extends AutoCloseable {

    /** The registers of a leaf (sub-leaf 0). A leaf the source does not know reads as zeros. */
    CpuidRegisters read(int leaf) throws IOException;

    /** Where the values come from, for evidence (e.g. "/dev/cpu/0/cpuid"). */
    String description();

    @Override
    default void close() throws IOException {
    }
}
