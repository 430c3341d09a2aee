package io.pvscope.agent.kv;

/**
 * What a store is.
 *
 * @param kind        "xenstore", "kvp", "guestinfo", "pvbus", "sim"
 * @param unitType    the hypervisor it belongs to, as PVBUSIOC_TYPE names it ("Xen", "Hyper-V", "VMware"...)
 * @param simulated   true only for the built-in simulated store
 * @param nativeWatch true when the store reports changes itself; otherwise the agent polls and diffs
 * @param location    where it lives (a socket, a directory, a device, a file), for status and evidence
 */
public record StoreInfo(String kind, String unitType, boolean simulated, boolean nativeWatch, String location) {
}
