package io.pvscope.agent.openbsd.internal;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code struct pvbus_req} of sys/dev/pv/pvvar.h, field for field: the kernel reads the lengths and
 * copies through the two pointers, so the layout must be the C compiler's (32 bytes on amd64).
 */
@Structure.FieldOrder({"keylen", "key", "valuelen", "value"})
public final class PvbusRequest extends Structure {

    /** Size of the key buffer, NUL included; TYPE writes the hypervisor's name into it. */
    public SizeT keylen = new SizeT();
    public Pointer key;
    /** Size of the value buffer; the driver fails with ERANGE when its answer does not fit. */
    public SizeT valuelen = new SizeT();
    public Pointer value;

    /** The offset of a field, for checking the layout against the C definition. */
    public int offsetOf(String field) {
        return fieldOffset(field);
    }
}
