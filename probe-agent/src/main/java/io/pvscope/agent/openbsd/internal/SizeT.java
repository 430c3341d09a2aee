package io.pvscope.agent.openbsd.internal;

import com.sun.jna.IntegerType;
import com.sun.jna.Native;

/** C's size_t: JNA has none, and its width is the platform's (8 bytes on amd64, 4 on i386). */
public final class SizeT extends IntegerType {

    private static final long serialVersionUID = 1L;

    public SizeT() {
        this(0);
    }

    public SizeT(long value) {
        super(Native.SIZE_T_SIZE, value, true);
    }
}
