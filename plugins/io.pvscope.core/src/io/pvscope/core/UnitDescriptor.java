package io.pvscope.core;

/**
 * One pvbus unit as the views name it and open its store.
 *
 * @param number    the unit's number, as the agent's calls take it
 * @param name      the hypervisor's name for itself ("KVM")
 * @param signature the signature it was found by, or ""
 * @param store     the kind of key/value store the unit has, or "" when it has none
 */
public record UnitDescriptor(int number, String name, String signature, String store) {

    /** A unit known by its number alone, when the agent's list of units was not read. */
    public static UnitDescriptor numbered(int number) {
        return new UnitDescriptor(number, "", "", "");
    }

    public boolean hasStore() {
        return !store.isEmpty();
    }
}
