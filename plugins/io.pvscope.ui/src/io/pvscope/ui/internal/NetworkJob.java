package io.pvscope.ui.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;

import io.pvscope.ui.PvScopeUi;

/**
 * Runs one call to an agent as an Eclipse Job: it shows in the progress view, the user can cancel it, and
 * its outcome is handed back on the UI thread. The call itself is asynchronous; the Job only waits.
 */
public final class NetworkJob<T> extends Job {

    private final Supplier<CompletableFuture<T>> call;
    private final Display display;
    private Consumer<T> done = value -> {
    };
    private Consumer<Throwable> failed = error -> {
    };
    private Runnable cancelled = () -> {
    };

    private NetworkJob(String name, Supplier<CompletableFuture<T>> call, Display display) {
        super(name);
        this.call = call;
        this.display = display;
    }

    /** A job for {@code call}, answering on {@code display}'s thread; schedule it when configured. */
    public static <T> NetworkJob<T> of(String name, Supplier<CompletableFuture<T>> call, Display display) {
        return new NetworkJob<>(name, call, display);
    }

    public NetworkJob<T> whenDone(Consumer<T> onUiThread) {
        done = onUiThread;
        return this;
    }

    public NetworkJob<T> whenFailed(Consumer<Throwable> onUiThread) {
        failed = onUiThread;
        return this;
    }

    /** Also run when the user cancels, on the job's thread: undo what the call started (e.g. disconnect). */
    public NetworkJob<T> whenCancelled(Runnable onJobThread) {
        cancelled = onJobThread;
        return this;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
        CompletableFuture<T> future = call.get();
        try {
            while (true) {
                if (monitor.isCanceled()) {
                    future.cancel(true);
                    cancelled.run();
                    return Status.CANCEL_STATUS;
                }
                try {
                    T value = future.get(100, TimeUnit.MILLISECONDS);
                    onUi(() -> done.accept(value));
                    return Status.OK_STATUS;
                } catch (TimeoutException e) {
                    // Look at the cancel button again.
                }
            }
        } catch (ExecutionException e) {
            onUi(() -> failed.accept(e.getCause()));
            // The caller shows the failure where it belongs (on a key, in the Targets view).
            return Status.info(getName() + " failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.CANCEL_STATUS;
        } finally {
            monitor.done();
        }
    }

    @Override
    public boolean belongsTo(Object family) {
        return PvScopeUi.BUNDLE_ID.equals(family);
    }

    private void onUi(Runnable work) {
        if (!display.isDisposed()) {
            display.asyncExec(work);
        }
    }
}
