package io.pvscope.ui.tests;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.eclipse.swt.widgets.Display;

/**
 * Watches the UI thread while a test runs: a timer beats every 10 ms on it, and a sampling thread takes
 * the UI thread's stack whenever a beat is late. Each stall (a gap between beats over {@link #LATE_MILLIS})
 * keeps its samples, how much of it the UI thread spent on the CPU (little means it was starved or
 * blocked, not busy) and the garbage collectors' time meanwhile, so a report says where the time went.
 * Phases ({@link #phase}) separate e.g. loading from filtering. A control thread that beats the same way
 * off the UI thread tells a busy UI thread from a machine that stalls every thread (GC, a starved CPU).
 */
final class UiStallProbe implements AutoCloseable {

    static final long BEAT_MILLIS = 10;
    /** A beat this late counts as a stall worth sampling and reporting. */
    static final long LATE_MILLIS = 40;
    private static final long SAMPLE_MILLIS = 3;

    private final Display display;
    private final Thread uiThread;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<Stall> stalls = new ArrayList<>();
    private final Thread sampler;
    private final Thread control;
    private final Map<String, Long> longestControl = new HashMap<>();
    private final Runnable beat = this::beat;
    private volatile long lastBeat = System.nanoTime();
    private volatile boolean running = true;
    private volatile String phase = "start";
    /** Samples of the stall in progress; touched by the sampler, handed over at the next beat. */
    private final List<StackTraceElement[]> samples = new ArrayList<>();
    private long stallCpuStart = -1;
    private long stallGcStart;
    /** The phase a stall began in: it counts there, even when the phase changed before the next beat. */
    private String stallPhase;

    private UiStallProbe(Display display) {
        this.display = display;
        this.uiThread = display.getThread();
        sampler = new Thread(this::sample, "ui-stall-probe");
        sampler.setDaemon(true);
        control = new Thread(this::controlBeat, "ui-stall-probe-control");
        control.setDaemon(true);
    }

    /** Starts beating on {@code display}'s thread (call it there) and sampling beside it. */
    static UiStallProbe start(Display display) {
        UiStallProbe probe = new UiStallProbe(display);
        display.timerExec((int) BEAT_MILLIS, probe.beat);
        probe.sampler.start();
        probe.control.start();
        return probe;
    }

    /** Stalls from now on are counted under {@code name}. */
    void phase(String name) {
        phase = name;
    }

    /** The longest gap between two beats in phase {@code name}, in ms; the beat's own 10 ms included. */
    long longestMillis(String name) {
        synchronized (stalls) {
            return stalls.stream().filter(stall -> stall.phase.equals(name)).mapToLong(Stall::millis).max()
                    .orElse(longestShort.getOrDefault(name, 0L));
        }
    }

    /** The longest gap of the control thread's 10 ms beat in phase {@code name}, in ms. */
    long longestControlMillis(String name) {
        synchronized (stalls) {
            return longestControl.getOrDefault(name, 0L);
        }
    }

    /** The longest stalls with where the UI thread was, for the test's output. */
    String report(int count) {
        return report(count, phase -> true);
    }

    /** As {@link #report(int)}, of the stalls in the phases {@code phases} accepts. */
    String report(int count, Predicate<String> phases) {
        List<Stall> longest;
        synchronized (stalls) {
            longest = stalls.stream().filter(stall -> phases.test(stall.phase))
                    .sorted(Comparator.comparingLong(Stall::millis).reversed()).limit(count).toList();
        }
        StringBuilder text = new StringBuilder();
        for (Stall stall : longest) {
            text.append(String.format(Locale.ROOT, "  stall %d ms while %s: UI thread on CPU %d ms, GC %d ms, %d samples%n",
                    stall.millis(), stall.phase, stall.cpuMillis, stall.gcMillis, stall.samples.size()));
            stall.samples.stream().map(UiStallProbe::where)
                    .collect(Collectors.groupingBy(where -> where, Collectors.counting()))
                    .entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                    .forEach(entry -> text.append("    ").append(entry.getValue()).append("× ")
                            .append(entry.getKey()).append(System.lineSeparator()));
        }
        return text.toString();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        control.interrupt();
    }

    private void controlBeat() {
        long last = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(BEAT_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            synchronized (stalls) {
                longestControl.merge(phase, TimeUnit.NANOSECONDS.toMillis(now - last), Math::max);
            }
            last = now;
        }
    }

    /** Longest gap per phase among the beats that were not late enough to be a stall. */
    private final Map<String, Long> longestShort = new HashMap<>();

    private void beat() {
        long now = System.nanoTime();
        long gap = now - lastBeat;
        lastBeat = now;
        synchronized (samples) {
            String current = stallPhase != null ? stallPhase : phase;
            if (gap > TimeUnit.MILLISECONDS.toNanos(LATE_MILLIS)) {
                long cpu = stallCpuStart < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(uiCpu() - stallCpuStart);
                long gc = stallCpuStart < 0 ? -1 : gcMillis() - stallGcStart;
                synchronized (stalls) {
                    stalls.add(new Stall(current, gap, cpu, gc, List.copyOf(samples)));
                }
            } else {
                synchronized (stalls) {
                    longestShort.merge(current, TimeUnit.NANOSECONDS.toMillis(gap), Math::max);
                }
            }
            samples.clear();
            stallCpuStart = -1;
            stallPhase = null;
        }
        if (running && !display.isDisposed()) {
            display.timerExec((int) BEAT_MILLIS, beat);
        }
    }

    private void sample() {
        while (running) {
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long late = System.nanoTime() - lastBeat;
            if (late < TimeUnit.MILLISECONDS.toNanos(BEAT_MILLIS * 2)) {
                continue;
            }
            synchronized (samples) {
                if (stallCpuStart < 0) {
                    // The beat is late: from here on the stall's CPU and GC time are counted.
                    stallCpuStart = uiCpu();
                    stallGcStart = gcMillis();
                    stallPhase = phase;
                }
                samples.add(uiThread.getStackTrace());
            }
        }
    }

    private long uiCpu() {
        long cpu = threads.getThreadCpuTime(uiThread.threadId());
        return Math.max(cpu, 0);
    }

    /** The garbage collectors of this runtime, to print beside pauses. */
    static String collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", ")) + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(collector.getCollectionTime(), 0);
        }
        return total;
    }

    /**
     * Where a sample was: its top frame, and the first frames of PvScope and JFace code below it, which
     * name the work better than the SWT or JDK frame it happened to be in.
     */
    private static String where(StackTraceElement[] stack) {
        if (stack.length == 0) {
            return "(no stack)";
        }
        List<String> frames = new ArrayList<>();
        frames.add(frame(stack[0]));
        for (int i = 1; i < stack.length && frames.size() < 6; i++) {
            String type = stack[i].getClassName();
            if (type.startsWith("io.pvscope.") || type.startsWith("org.eclipse.jface.")
                    || type.startsWith("org.eclipse.swt.widgets.")) {
                frames.add(frame(stack[i]));
            }
        }
        return String.join(" < ", frames);
    }

    private static String frame(StackTraceElement element) {
        String type = element.getClassName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + element.getMethodName()
                + (element.getLineNumber() > 0 ? ":" + element.getLineNumber() : "");
    }

    private record Stall(String phase, long nanos, long cpuMillis, long gcMillis, List<StackTraceElement[]> samples) {
        long millis() {
            return TimeUnit.NANOSECONDS.toMillis(nanos);
        }
    }
}
