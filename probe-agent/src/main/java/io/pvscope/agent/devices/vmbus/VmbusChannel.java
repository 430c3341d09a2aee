package io.pvscope.agent.devices.vmbus;

import java.util.OptionalLong;

/**
 * One VMBus channel of a device ({@code channels/<relid>/} in sysfs): where it runs and how full its rings
 * are. Counters the running kernel does not have are empty.
 *
 * @param relid        the channel's relative id (the directory's name)
 * @param subchannel   0 for the primary channel
 * @param cpu          the virtual CPU it is bound to
 * @param readAvail    bytes waiting in the inbound ring (host to guest)
 * @param writeAvail   bytes free in the outbound ring (guest to host)
 * @param inMask       the inbound ring's interrupt mask (1: the guest asked not to be interrupted)
 * @param outMask      the outbound ring's interrupt mask
 * @param interrupts   interrupts taken for it
 * @param events       times the guest signalled the host
 * @param pending      the monitor page's pending bit, for channels with a monitor
 */
public record VmbusChannel(int relid, OptionalLong subchannel, OptionalLong cpu, OptionalLong readAvail,
                           OptionalLong writeAvail, OptionalLong inMask, OptionalLong outMask,
                           OptionalLong interrupts, OptionalLong events, OptionalLong pending) {
}
