package io.pvscope.ui.internal.keyvalue;

import java.time.Duration;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import io.pvscope.core.KeyWatch;
import io.pvscope.core.StoreErrors;
import io.pvscope.core.TargetConnection;
import io.pvscope.core.UnitDescriptor;
import io.pvscope.core.UnitStore;
import io.pvscope.core.kv.KeyFeed;
import io.pvscope.core.kv.KeyTree;
import io.pvscope.ui.PvScopeUi;

/**
 * One look at one unit's store: a Watch stream feeding a key tree. The snapshot is built into the tree on
 * the stream's thread, so the UI thread only takes the complete tree over; its progress is reported by a
 * Job, whose cancel ends the stream.
 */
final class StoreSession {

    private final TargetConnection connection;
    private final UnitDescriptor unit;
    private final KeyTree tree = new KeyTree();
    private final KeyFeed feed = KeyFeed.buildingSnapshotOf(tree);
    private KeyWatch watch;
    private Job loading;
    private boolean shown;
    private volatile boolean cancelled;
    private boolean failureTaken;

    /** @param arrived run on the stream's thread when the snapshot is complete or a change was queued */
    StoreSession(TargetConnection connection, UnitDescriptor unit, Runnable arrived) {
        this.connection = connection;
        this.unit = unit;
        feed.whenArrived(arrived);
    }

    void start(Duration pollInterval) {
        watch = store().watch(List.of(""), pollInterval, feed);
        loading = new Job("Loading the keys of " + connection.target().name() + " unit " + unit.number()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
                try {
                    while (!feed.syncReceived() && !feed.isOver()) {
                        if (monitor.isCanceled()) {
                            cancelled = true;
                            stop();
                            return Status.CANCEL_STATUS;
                        }
                        monitor.subTask(feed.snapshotEntries() + " keys");
                        Thread.sleep(100);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Status.CANCEL_STATUS;
                } finally {
                    monitor.done();
                }
                // The view shows a failure where it belongs; the Job only notes it (no error dialog).
                return feed.failure() == null ? Status.OK_STATUS
                        : Status.info(getName() + " failed: " + StoreErrors.describe(feed.failure()));
            }

            @Override
            public boolean belongsTo(Object family) {
                return PvScopeUi.BUNDLE_ID.equals(family);
            }
        };
        loading.schedule();
    }

    void stop() {
        if (watch != null) {
            watch.cancel();
        }
        if (loading != null) {
            loading.cancel();
        }
    }

    /** The Job that reports the snapshot's progress; cancelling it ends the stream. */
    Job loadingJob() {
        return loading;
    }

    /** True when the user cancelled the loading. */
    boolean cancelled() {
        return cancelled;
    }

    /** True the first time it is asked after the stream failed: a failure is reported once. */
    boolean takeFailure() {
        if (feed.failure() == null || cancelled || failureTaken) {
            return false;
        }
        failureTaken = true;
        return true;
    }

    UnitStore store() {
        return connection.store(unit.number());
    }

    TargetConnection connection() {
        return connection;
    }

    UnitDescriptor unit() {
        return unit;
    }

    /** The session's tree: the stream's until {@link KeyFeed#snapshotBuilt()}, then the UI thread's. */
    KeyTree tree() {
        return tree;
    }

    KeyFeed feed() {
        return feed;
    }

    /** True once the tree was handed to the viewer (after the snapshot was complete). */
    boolean shown() {
        return shown;
    }

    void markShown() {
        shown = true;
    }
}
