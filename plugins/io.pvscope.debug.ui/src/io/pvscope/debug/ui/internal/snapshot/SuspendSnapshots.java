package io.pvscope.debug.ui.internal.snapshot;

import java.time.Duration;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IDebugElement;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import io.pvscope.core.Target;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.snapshot.StoreSnapshot;
import io.pvscope.debug.ui.PvScopeLaunch;
import io.pvscope.ui.PvScopeUi;
import io.pvscope.ui.keyvalue.KeyRowDecorator;
import io.pvscope.ui.keyvalue.StoreView;

/**
 * When a launch with a PvScope target suspends, every Key/Value view showing that target snapshots its
 * store; keys added or changed since the previous suspend keep the debug platform's changed-value
 * background, their names its changed text colour, until the next one, as the Variables view shows
 * changed variables. The rows are tinted through the view's {@link KeyRowDecorator} service.
 */
public final class SuspendSnapshots implements IDebugEventSetListener {

    private static final SuspendSnapshots INSTANCE = new SuspendSnapshots();
    /** How long a suspend waits for a view still loading its store before giving up its snapshot. */
    private static final Duration LOAD_WAIT = Duration.ofSeconds(60);
    private static final int LOAD_POLL_MILLIS = 100;

    /** Launches suspended since their last snapshot: one stop gives one snapshot, however many threads stop. */
    private final Set<ILaunch> suspended = ConcurrentHashMap.newKeySet();
    private final Map<StoreView, SuspendHistory> histories = Collections.synchronizedMap(new WeakHashMap<>());
    /** Per store ("address#unit"): the keys changed between its last two suspends. */
    private final Map<String, Set<String>> changedByStore = new ConcurrentHashMap<>();
    private final KeyRowDecorator decorator = new KeyRowDecorator() {
        @Override
        public RGB background(Target target, int unit, String key) {
            return changed(target, unit, key) ? changedBackground : null;
        }

        @Override
        public RGB foreground(Target target, int unit, String key) {
            return changed(target, unit, key) ? changedColour : null;
        }
    };
    private volatile RGB changedBackground;
    private volatile RGB changedColour;
    private ServiceRegistration<KeyRowDecorator> registration;
    private long generation;
    /** Snapshots of past suspends still waiting for their view's store to load. */
    private final AtomicInteger waiting = new AtomicInteger();
    /** What the last suspend led to, for error messages and tests. */
    private volatile String lastOutcome = "no suspend seen";

    private SuspendSnapshots() {
    }

    public static SuspendSnapshots instance() {
        return INSTANCE;
    }

    public synchronized void start() {
        DebugPlugin.getDefault().addDebugEventListener(this);
        BundleContext context = FrameworkUtil.getBundle(SuspendSnapshots.class).getBundleContext();
        if (context != null) {
            registration = context.registerService(KeyRowDecorator.class, decorator, properties());
        }
    }

    public synchronized void stop() {
        DebugPlugin.getDefault().removeDebugEventListener(this);
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }

    /** The suspends seen by {@code view}; empty until its first. */
    public SuspendHistory history(StoreView view) {
        return histories.computeIfAbsent(view, key -> new SuspendHistory());
    }

    @Override
    public void handleDebugEvents(DebugEvent[] events) {
        for (DebugEvent event : events) {
            // Evaluations (a hover, the Expressions view) suspend and resume without the program moving on.
            if (event.getDetail() == DebugEvent.EVALUATION_IMPLICIT) {
                continue;
            }
            ILaunch launch = launchOf(event.getSource());
            if (launch == null) {
                continue;
            }
            switch (event.getKind()) {
                case DebugEvent.SUSPEND -> {
                    if (suspended.add(launch)) {
                        Optional<Target> target = PvScopeLaunch.target(launch.getLaunchConfiguration());
                        lastOutcome = "suspend of " + launch.getLaunchConfiguration() + ": target " + target;
                        target.ifPresent(stopped -> suspendedOnUi(launch, stopped));
                    }
                }
                case DebugEvent.RESUME -> suspended.remove(launch);
                case DebugEvent.TERMINATE -> {
                    if (launch.isTerminated()) {
                        suspended.remove(launch);
                    }
                }
                default -> {
                }
            }
        }
    }

    private void suspendedOnUi(ILaunch launch, Target target) {
        Display display = PlatformUI.getWorkbench().getDisplay();
        display.asyncExec(() -> {
            long deadline = System.nanoTime() + LOAD_WAIT.toNanos();
            for (IWorkbenchWindow window : PlatformUI.getWorkbench().getWorkbenchWindows()) {
                for (IWorkbenchPage page : window.getPages()) {
                    for (IViewReference reference : page.getViewReferences()) {
                        if (PvScopeUi.KEY_VALUE_VIEW_ID.equals(reference.getId())
                                && reference.getView(false) instanceof StoreView view) {
                            snapshotWhenLoaded(view, launch, target, deadline);
                        }
                    }
                }
            }
        });
    }

    /**
     * Takes the view's snapshot for this suspend of {@code launch}; a view that shows the target but is still
     * loading its store (the launch has just connected it, and the first breakpoint came quickly) is asked
     * again until it is loaded, unless the launch resumes first or the wait ends at {@code deadline}. Runs on
     * the UI thread.
     */
    public void snapshotWhenLoaded(StoreView view, ILaunch launch, Target target, long deadline) {
        Control control = view.control();
        if (control.isDisposed() || !suspended.contains(launch)) {
            return;
        }
        TargetConnection connection = view.connection();
        boolean loading = connection != null && connection.target().equals(target)
                && !view.storeLoaded();
        if (loading && System.nanoTime() < deadline) {
            lastOutcome = "suspend of " + target.address() + ": waiting for the view's store to load";
            waiting.incrementAndGet();
            control.getDisplay().timerExec(LOAD_POLL_MILLIS, () -> {
                waiting.decrementAndGet();
                snapshotWhenLoaded(view, launch, target, deadline);
            });
            return;
        }
        snapshot(view, target);
    }

    /** Takes the view's snapshot for a suspend of {@code target}'s launch, if the view shows that target. */
    void snapshot(StoreView view, Target target) {
        TargetConnection connection = view.connection();
        if (connection == null || !connection.target().equals(target)) {
            lastOutcome = "suspend of " + target.address() + ": a view shows " + (connection == null ? "nothing"
                    : connection.target().address());
            return;
        }
        StoreSnapshot snapshot = view.snapshot();
        if (snapshot == null) {
            lastOutcome = "suspend of " + target.address() + ": the view's store is not loaded";
            return;
        }
        lastOutcome = "suspend of " + target.address() + ": snapshot of " + snapshot.size() + " keys"
                + (snapshot.isLastKnown() ? ", the last known since " + snapshot.lastKnownSince() : "");
        SuspendHistory history = history(view);
        history.add(snapshot);
        changedBackground = changedBackground();
        changedColour = changedColour();
        changedByStore.put(storeKey(snapshot.target(), snapshot.unit().number()), history.changedKeys());
        repaint();
    }

    /** Whether the key changed between its store's last two suspends. */
    private boolean changed(Target target, int unit, String key) {
        Set<String> changed = changedByStore.get(storeKey(target, unit));
        return changed != null && changed.contains(key);
    }

    /** New service properties make the views paint their rows again. */
    private synchronized void repaint() {
        if (registration != null) {
            registration.setProperties(properties());
        }
    }

    private Dictionary<String, Object> properties() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("io.pvscope.debug.ui.suspends", ++generation);
        return properties;
    }

    private static String storeKey(Target target, int unit) {
        return target.address() + "#" + unit;
    }

    /** Whether a suspend's snapshot still waits for its view's store to load. */
    public boolean snapshotWaiting() {
        return waiting.get() > 0;
    }

    /** What the last suspend led to (a snapshot, or why not). */
    public String lastOutcome() {
        return lastOutcome;
    }

    /** The debug platform's text colour of changed values, as the user set it (the Variables view's). */
    public static RGB changedColour() {
        return DebugUITools.getPreferenceColor(IDebugUIConstants.PREF_CHANGED_DEBUG_ELEMENT_COLOR).getRGB();
    }

    /** The debug platform's background of changed values, as the user set it. */
    public static RGB changedBackground() {
        return DebugUITools.getPreferenceColor(IDebugUIConstants.PREF_CHANGED_VALUE_BACKGROUND).getRGB();
    }

    private static ILaunch launchOf(Object source) {
        if (source instanceof IDebugElement element) {
            return element.getLaunch();
        }
        if (source instanceof IProcess process) {
            return process.getLaunch();
        }
        return null;
    }
}
