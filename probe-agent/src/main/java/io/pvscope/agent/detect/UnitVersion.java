package io.pvscope.agent.detect;

/** A hypervisor's major.minor version as pvbus prints it. */
public record UnitVersion(int major, int minor) {

    /** Splits a register holding major in the high and minor in the low 16 bits. */
    public static UnitVersion fromRegister(int value) {
        return new UnitVersion(value >>> 16, value & 0xffff);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
