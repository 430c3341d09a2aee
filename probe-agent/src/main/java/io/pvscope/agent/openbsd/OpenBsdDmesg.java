package io.pvscope.agent.openbsd;

import io.pvscope.agent.detect.UnitVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the last boot in an OpenBSD dmesg capture says about the paravirtual bus: pvbus0's line (the
 * hypervisors in pvbus order, with versions), every attach message, and the extra "dev: text" lines
 * drivers print after attaching.
 */
public final class OpenBsdDmesg {

    /** Where rc(8) saves the boot messages. */
    public static final String PATH = "/var/run/dmesg.boot";

    /** "Hyper-V 10.0"; OpenBSD 5.9 printed Hyper-V's build too ("Hyper-V 6.3.9600"), which is dropped. */
    private static final Pattern UNIT = Pattern.compile("^(\\S+)(?: (\\d+)\\.(\\d+)(?:\\.\\d+)?)?$");
    private static final Pattern NOTE = Pattern.compile("^([a-z][a-z0-9]*?\\d+): (.*)$", Pattern.UNIX_LINES);

    private final DmesgBoot boot;
    private final Optional<AttachLine> pvbus;
    private final List<DmesgUnit> units;
    private final List<AttachLine> attachments;
    private final Map<String, List<String>> notes;

    private OpenBsdDmesg(DmesgBoot boot, Optional<AttachLine> pvbus, List<DmesgUnit> units,
                         List<AttachLine> attachments, Map<String, List<String>> notes) {
        this.boot = boot;
        this.pvbus = pvbus;
        this.units = List.copyOf(units);
        this.attachments = List.copyOf(attachments);
        this.notes = notes;
    }

    public static OpenBsdDmesg parse(String text) {
        DmesgBoot boot = DmesgBoot.last(text);
        List<AttachLine> attachments = new ArrayList<>();
        Map<String, List<String>> notes = new LinkedHashMap<>();
        for (String line : boot.lines()) {
            Optional<AttachLine> attach = AttachLine.parse(line);
            if (attach.isPresent()) {
                attachments.add(attach.get());
                continue;
            }
            Matcher note = NOTE.matcher(line);
            if (note.matches() && attachments.stream().anyMatch(a -> a.device().equals(note.group(1)))) {
                notes.computeIfAbsent(note.group(1), d -> new ArrayList<>()).add(note.group(2));
            }
        }
        Optional<AttachLine> pvbus = attachments.stream()
                .filter(a -> a.device().equals("pvbus0") && a.parent().equals("mainbus0"))
                .findFirst();
        List<DmesgUnit> units = pvbus.map(p -> unitsOf(p.tail())).orElse(List.of());
        return new OpenBsdDmesg(boot, pvbus, units, attachments, notes);
    }

    private static List<DmesgUnit> unitsOf(String tail) {
        List<DmesgUnit> units = new ArrayList<>();
        if (tail.isBlank()) {
            return units;
        }
        for (String item : tail.split(",\\s*")) {
            Matcher m = UNIT.matcher(item.trim());
            if (m.matches()) {
                Optional<UnitVersion> version = m.group(2) == null ? Optional.empty()
                        : Optional.of(new UnitVersion(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
                units.add(new DmesgUnit(m.group(1), version));
            } else {
                units.add(new DmesgUnit(item.trim(), Optional.empty()));
            }
        }
        return units;
    }

    public DmesgBoot boot() {
        return boot;
    }

    /** pvbus0's attach line; empty when pvbus did not attach (no hypervisor, or a kernel without it). */
    public Optional<AttachLine> pvbusLine() {
        return pvbus;
    }

    /** The hypervisors in pvbus enum order, which is the /dev/pvbusN order. */
    public List<DmesgUnit> units() {
        return units;
    }

    /** The devices attached to {@code parent}, in attach order. */
    public List<AttachLine> childrenOf(String parent) {
        return attachments.stream().filter(a -> a.parent().equals(parent)).toList();
    }

    /** Every attach message whose driver is {@code driver}, in attach order. */
    public List<AttachLine> attachedBy(String driver) {
        return attachments.stream().filter(a -> a.driver().equals(driver)).toList();
    }

    /** The "dev: text" lines a driver printed after attaching {@code device} (texts only). */
    public List<String> notes(String device) {
        return notes.getOrDefault(device, List.of());
    }

    /** The line of another kind the boot printed for {@code device} ("bios0: vendor ..."), in order. */
    public List<String> linesOf(String device) {
        return notes(device).stream().map(text -> device + ": " + text).toList();
    }
}
