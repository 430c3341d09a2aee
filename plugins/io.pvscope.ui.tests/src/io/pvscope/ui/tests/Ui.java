package io.pvscope.ui.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Waiting and looking, on the UI thread, without blocking the event loop the views depend on. */
final class Ui {

    private Ui() {
    }

    /** Runs the event loop until {@code condition} holds, failing after {@code timeout}. */
    static void waitUntil(String what, Duration timeout, BooleanSupplier condition) {
        waitUntil(what, timeout, condition, () -> "");
    }

    /** As {@link #waitUntil(String, Duration, BooleanSupplier)}, the failure saying what {@code state} tells. */
    static void waitUntil(String what, Duration timeout, BooleanSupplier condition,
            java.util.function.Supplier<String> state) {
        Display display = Display.getCurrent();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                String now = state.get();
                fail("timed out after " + timeout.toSeconds() + " s waiting until " + what
                        + (now.isEmpty() ? "" : " (" + now + ")"));
            }
            dispatchOrSleep(display);
        }
    }

    /** Runs the event loop for a while, so layouts and repaints are done. */
    static void settle(Duration duration) {
        Display display = Display.getCurrent();
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            dispatchOrSleep(display);
        }
    }

    /** Saves what the screen shows inside {@code shell} as a PNG file. */
    static void saveScreenshot(Shell shell, Path file) throws IOException {
        shell.forceActive();
        settle(Duration.ofMillis(300));
        saveScreenArea(shell.getDisplay(), shell.getBounds(), file);
    }

    /** Saves what the screen shows of {@code control} (a view's area) as a PNG file. */
    static void saveScreenshot(Control control, Path file) throws IOException {
        control.getShell().forceActive();
        settle(Duration.ofMillis(300));
        Display display = control.getDisplay();
        saveScreenArea(display, display.map(control.getParent(), null, control.getBounds()), file);
    }

    private static void saveScreenArea(Display display, Rectangle bounds, Path file) throws IOException {
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
        } finally {
            gc.dispose();
        }
        try {
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { image.getImageData() };
            Files.createDirectories(file.getParent());
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            image.dispose();
        }
    }

    /** Where the build wants screenshots ({@code pvscope.screenshots} = a folder), or null for none. */
    /** Waits until a window with {@code title} is open, and returns it. */
    static Shell findShell(String title) {
        Shell[] found = new Shell[1];
        waitUntil("the '" + title + "' window opens", Workbench.UI_TIMEOUT, () -> {
            found[0] = java.util.Arrays.stream(Display.getCurrent().getShells())
                    .filter(shell -> !shell.isDisposed() && title.equals(shell.getText())).findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    static Path screenshot(String name) {
        String folder = System.getProperty("pvscope.screenshots");
        return folder == null ? null : Path.of(folder, name).toAbsolutePath().normalize();
    }

    /** How long a wait dispatches events before it looks at its condition again. */
    private static final long DISPATCH_NANOS = 20_000_000L;

    /**
     * Dispatches what is pending, for at most {@link #DISPATCH_NANOS}, or sleeps until something comes when
     * nothing is. A wait that dispatched one event per look at its condition let the views' timers starve
     * while the condition itself kept making work (a repaint, an expansion).
     */
    private static void dispatchOrSleep(Display display) {
        long until = System.nanoTime() + DISPATCH_NANOS;
        boolean dispatched = false;
        while (display.readAndDispatch()) {
            dispatched = true;
            if (System.nanoTime() > until) {
                return;
            }
        }
        if (!dispatched) {
            // Wakes the loop up so the deadline is checked even when no event comes.
            display.timerExec(50, () -> {
            });
            display.sleep();
        }
    }
}
