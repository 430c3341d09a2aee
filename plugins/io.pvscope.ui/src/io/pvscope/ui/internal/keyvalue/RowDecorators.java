package io.pvscope.ui.internal.keyvalue;

import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import io.pvscope.core.Target;
import io.pvscope.ui.keyvalue.KeyRowDecorator;

/**
 * The {@link KeyRowDecorator} services other bundles registered, in ranking order. The order is worked out
 * when the services change, not on each painted row.
 */
final class RowDecorators {

    private final ServiceTracker<KeyRowDecorator, KeyRowDecorator> tracker;
    /** Highest ranking first (a reference orders by ranking, then age, the highest last). */
    private final Map<ServiceReference<KeyRowDecorator>, KeyRowDecorator> services =
            new ConcurrentSkipListMap<>(Collections.reverseOrder());
    private final Display display;
    private final Runnable changed;
    /** Read and written on the UI thread only. */
    private KeyRowDecorator[] ranked = new KeyRowDecorator[0];

    /** @param changed run on the UI thread when the decorators or their properties changed */
    RowDecorators(Display display, Runnable changed) {
        this.display = display;
        this.changed = changed;
        BundleContext context = FrameworkUtil.getBundle(RowDecorators.class).getBundleContext();
        tracker = context == null ? null : new ServiceTracker<>(context, KeyRowDecorator.class, null) {
            @Override
            public KeyRowDecorator addingService(ServiceReference<KeyRowDecorator> reference) {
                KeyRowDecorator decorator = super.addingService(reference);
                if (decorator != null) {
                    services.put(reference, decorator);
                    rerank();
                }
                return decorator;
            }

            @Override
            public void modifiedService(ServiceReference<KeyRowDecorator> reference, KeyRowDecorator service) {
                // The ranking may have changed, and with it the reference's place in the sorted map.
                services.keySet().removeIf(reference::equals);
                services.put(reference, service);
                rerank();
            }

            @Override
            public void removedService(ServiceReference<KeyRowDecorator> reference, KeyRowDecorator service) {
                services.keySet().removeIf(reference::equals);
                super.removedService(reference, service);
                rerank();
            }
        };
        if (tracker != null) {
            tracker.open();
            ranked = services.values().toArray(KeyRowDecorator[]::new);
        }
    }

    /** The first colour a decorator gives the row, or null. */
    RGB background(Target target, int unit, String key) {
        for (KeyRowDecorator decorator : ranked) {
            RGB colour = decorator.background(target, unit, key);
            if (colour != null) {
                return colour;
            }
        }
        return null;
    }

    /** The first text colour a decorator gives the row's key name, or null. */
    RGB foreground(Target target, int unit, String key) {
        for (KeyRowDecorator decorator : ranked) {
            RGB colour = decorator.foreground(target, unit, key);
            if (colour != null) {
                return colour;
            }
        }
        return null;
    }

    void close() {
        if (tracker != null) {
            tracker.close();
        }
    }

    /** Takes the new order on the UI thread, where rows are painted: at once when already there. */
    private void rerank() {
        Runnable take = () -> {
            ranked = services.values().toArray(KeyRowDecorator[]::new);
            changed.run();
        };
        if (display.getThread() == Thread.currentThread()) {
            take.run();
        } else if (!display.isDisposed()) {
            display.asyncExec(take);
        }
    }
}
