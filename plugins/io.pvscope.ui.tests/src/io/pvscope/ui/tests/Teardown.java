package io.pvscope.ui.tests;

import java.util.ArrayDeque;
import java.util.Deque;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.pvscope.core.PvScopeCore;
import io.pvscope.core.Target;

/**
 * Ends what a test started (agents, proxies, connections, targets added to the workbench) after it, last
 * started first, so a failing test leaves nothing running for the next one.
 */
final class Teardown implements AfterEachCallback {

    private final Deque<AutoCloseable> steps = new ArrayDeque<>();

    /** Closes {@code resource} after the test. */
    <T extends AutoCloseable> T close(T resource) {
        steps.push(resource);
        return resource;
    }

    /** Removes {@code target} (and its connection) from the workbench after the test. */
    Target remove(Target target) {
        steps.push(() -> PvScopeCore.targets().remove(target));
        return target;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception first = null;
        while (!steps.isEmpty()) {
            try {
                steps.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
