package io.pvscope.agent.detect;

/**
 * One thing detection looked at and what it saw there.
 *
 * @param source   the kind of evidence: "cpuid", "cpuid-user", "cpuinfo", "sysfs", "procfs", "dmi",
 *                 "dmesg", "pvbus-ioctl", "container"
 * @param subject  what was looked at (a path, a CPUID leaf)
 * @param seen     what was seen, or why nothing could be seen
 * @param conflict whether this disagrees with another view
 */
public record Evidence(String source, String subject, String seen, boolean conflict) {

    public static Evidence of(String source, String subject, String seen) {
        return new Evidence(source, subject, seen, false);
    }
}
