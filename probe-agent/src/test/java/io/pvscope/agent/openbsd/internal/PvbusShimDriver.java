package io.pvscope.agent.openbsd.internal;

import io.pvscope.agent.detect.DetectionReport;
import io.pvscope.agent.detect.Evidence;
import io.pvscope.agent.fs.SystemRoot;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.kv.StoreInfo;
import io.pvscope.agent.openbsd.OpenBsdDetector;
import io.pvscope.agent.openbsd.PvbusStore;
import io.pvscope.agent.openbsd.PvbusUnit;
import io.pvscope.agent.openbsd.PvbusUnits;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs in the child JVM that has the pvbus shim preloaded: reads one tab-separated command per line and
 * answers one line, "ok\t..." or "err\tERRNO\tmessage", by calling the agent's real pvbus code.
 */
public final class PvbusShimDriver {

    private PvbusShimDriver() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        out.println("ready");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.split("\t", -1);
            try {
                out.println("ok\t" + run(words));
            } catch (StoreException e) {
                out.println("err\t" + e.errno() + "\t" + escape(e.getMessage()));
            } catch (RuntimeException | Error e) {
                out.println("crash\t" + escape(e.toString()));
            }
        }
    }

    private static String run(String[] w) throws StoreException {
        return switch (w[0]) {
            case "units" -> units();
            case "type" -> w.length > 2 ? device(w[1]).type(Integer.parseInt(w[2])) : device(w[1]).type();
            case "info" -> info(PvbusStore.open(path(w[1])).info());
            case "read" -> text(PvbusStore.open(path(w[1])).read(w[2]).bytes());
            case "readonce" -> text(device(w[1]).read(w[2], Long.parseLong(w[3]), Integer.parseInt(w[4])));
            case "write" -> text(PvbusStore.open(path(w[1])).write(w[2], bytes(w[3])));
            case "writero" -> text(device(w[1]).write(w[2], bytes(w[3]), PvbusLibC.O_RDONLY));
            case "list" -> String.join("|", PvbusStore.open(path(w[1])).list(w[2]));
            case "raw" -> String.valueOf(device(w[1]).rawRequest(Long.parseUnsignedLong(w[2], 16)));
            case "detect" -> detect(Path.of(w[1]));
            default -> throw new IllegalArgumentException("unknown command " + w[0]);
        };
    }

    private static String units() {
        List<Evidence> evidence = new ArrayList<>();
        List<PvbusUnit> units = PvbusUnits.system().enumerate(evidence);
        return units.stream().map(u -> u.number() + ":" + u.type() + ":" + u.device()).collect(Collectors.joining(","))
                + "\t" + escape(evidence.stream().map(Evidence::seen).collect(Collectors.joining(" | ")));
    }

    private static String info(StoreInfo info) {
        return info.kind() + "\t" + info.unitType() + "\t" + info.location() + "\t" + info.simulated();
    }

    private static String detect(Path root) {
        DetectionReport report = new OpenBsdDetector(SystemRoot.of(root), Optional.of(PvbusUnits.system()),
                Clock.systemUTC()).detect().report();
        String units = report.units().stream()
                .map(u -> u.unit() + ":" + u.name() + ":" + u.version().map(Object::toString).orElse("-") + ":"
                        + u.foundBy() + ":" + u.evidence().size())
                .collect(Collectors.joining(","));
        long conflicts = report.evidence().stream().filter(Evidence::conflict).count();
        return units + "\tconflicts=" + conflicts;
    }

    private static PvbusDevice device(String unit) {
        return new PvbusDevice(path(unit));
    }

    private static String path(String unit) {
        return "/dev/pvbus" + unit;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] value) {
        return value.length + "\t" + escape(new String(value, StandardCharsets.UTF_8));
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
    }
}
