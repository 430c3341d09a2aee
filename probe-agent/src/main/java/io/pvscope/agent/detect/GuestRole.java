package io.pvscope.agent.detect;

/** A Xen guest's role; both parts are UNSPECIFIED outside Xen. */
public record GuestRole(Domain domain, Mode mode) {

    public enum Domain { UNSPECIFIED, DOM0, DOMU }

    public enum Mode { UNSPECIFIED, HVM, PV, PVH }

    public static final GuestRole UNSPECIFIED = new GuestRole(Domain.UNSPECIFIED, Mode.UNSPECIFIED);
}
