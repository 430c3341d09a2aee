package io.pvscope.agent.openbsd;

/**
 * One hypervisor interface as the running kernel names it.
 *
 * @param number N of /dev/pvbusN
 * @param device the device's path
 * @param type   PVBUSIOC_TYPE's answer ("KVM", "Hyper-V"...)
 */
public record PvbusUnit(int number, String device, String type) {
}
