package io.pvscope.ui.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.stream.Stream;

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

    /** Deletes {@code tree} and everything in it, as far as it exists. */
    static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
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
