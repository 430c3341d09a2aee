package io.pvscope.agent.openbsd;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The messages of one boot in a dmesg capture. The kernel's message buffer survives a warm reboot, so
 * /var/run/dmesg.boot can hold earlier boots before the one that wrote it: only the last one describes
 * the running kernel.
 *
 * @param banner the kernel's banner line ("OpenBSD 7.5 (GENERIC.MP) #1: ..."), empty if it was lost
 * @param lines  every line of the boot, the banner first
 * @param number which boot of the file this is, from 1
 * @param count  how many boots the file holds
 */
public record DmesgBoot(String banner, List<String> lines, int number, int count) {

    /** Each boot starts with the banner printed right after the copyright lines. */
    private static final Pattern BANNER = Pattern.compile("^OpenBSD \\S+ \\(\\S+\\) #\\d+: .*", Pattern.UNIX_LINES);

    public DmesgBoot {
        lines = List.copyOf(lines);
    }

    /** The last boot of a capture; a capture without a banner (a wrapped buffer) is one boot. */
    public static DmesgBoot last(String text) {
        List<String> all = text.lines().toList();
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (BANNER.matcher(all.get(i)).matches()) {
                starts.add(i);
            }
        }
        if (starts.isEmpty()) {
            return new DmesgBoot("", all, 1, 1);
        }
        int start = starts.get(starts.size() - 1);
        return new DmesgBoot(all.get(start), all.subList(start, all.size()), starts.size(), starts.size());
    }
}
