package io.pvscope.agent.openbsd;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One autoconf attach message: {@code xnf0 at xen0 backend 0 channel 7: address 00:16:3e:5c:9a:12}.
 *
 * @param device  the attached device ("xnf0")
 * @param parent  the device it attached to ("xen0")
 * @param locator where on the parent, between the parent and the colon ("backend 0 channel 7"), may be empty
 * @param tail    what the driver printed after the colon, may be empty
 * @param line    the whole message
 */
public record AttachLine(String device, String parent, String locator, String tail, String line) {

    private static final String DEVICE = "[a-z][a-z0-9]*?\\d+";
    private static final Pattern ATTACH = Pattern.compile(
            "^(" + DEVICE + ") at (" + DEVICE + ")(?: ([^:]*?))?(?:: ?(.*))?$", Pattern.UNIX_LINES);

    /** The attach message on this line; empty for other lines and for "not configured" ones (no unit number). */
    public static Optional<AttachLine> parse(String line) {
        Matcher m = ATTACH.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new AttachLine(m.group(1), m.group(2), nullToEmpty(m.group(3)).trim(),
                nullToEmpty(m.group(4)).trim(), line));
    }

    /** The driver: the device name without its unit number ("xnf"). */
    public String driver() {
        return driverOf(device);
    }

    static String driverOf(String device) {
        return device.replaceFirst("\\d+$", "");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
