package io.pvscope.ui.internal.keyvalue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Display;

import io.pvscope.core.StoreErrors;
import io.pvscope.core.UnitStore;
import io.pvscope.core.kv.KeyNode;
import io.pvscope.core.kv.KeyRead;
import io.pvscope.core.kv.KeyTree;
import io.pvscope.ui.internal.NetworkJob;

/**
 * What the user does to keys: write (then read back), add, delete, copy, export. Network calls run as
 * Jobs; their outcome lands on the key's node in the view, a failure included.
 */
public final class KeyOperations {

    /** What to copy of a key. */
    public enum Part {
        /** The full key, as KvRead takes it. */
        PATH,
        /** The last element only. */
        NAME,
        VALUE
    }

    private final KeyValueView view;
    private final Display display;

    KeyOperations(KeyValueView view, Display display) {
        this.view = view;
        this.display = display;
    }

    /** Writes {@code text} to {@code key}, then reads it back so the tree shows what the store holds. */
    public void write(String key, String text) {
        StoreSession session = view.follower().session();
        if (session == null || refusedWhileLastKnown(key + " not written")) {
            return;
        }
        UnitStore store = session.store();
        NetworkJob.of("Writing " + key, () -> store.writeAndReadBack(key, text), display)
                .whenDone(read -> readBack(session, key, read))
                .whenFailed(error -> failed(session, key, "write failed: " + StoreErrors.describe(error)))
                .schedule();
    }

    /** Adds a key (a write to a key that does not exist yet). */
    public void addKey(String key, String value) {
        write(key, value);
    }

    /** Deletes each key with its subtree; the agent's delete events then mark them in the tree. */
    public void delete(List<KeyNode> nodes) {
        StoreSession session = view.follower().session();
        if (session == null || refusedWhileLastKnown(nodes.size() == 1 ? nodes.get(0).key() + " not deleted"
                : "the keys were not deleted")) {
            return;
        }
        UnitStore store = session.store();
        for (KeyNode node : nodes) {
            String key = node.key();
            NetworkJob.of("Deleting " + key, () -> store.delete(key), display)
                    .whenDone(ignored -> deleted(session, key))
                    .whenFailed(error -> failed(session, key, "delete failed: " + StoreErrors.describe(error)))
                    .schedule();
        }
    }

    /** Puts the part of each key on the clipboard, one per line. */
    public void copy(List<KeyNode> nodes, Part part) {
        if (nodes.isEmpty()) {
            return;
        }
        String text = nodes.stream().map(node -> switch (part) {
            case PATH -> node.key();
            case NAME -> node.name();
            case VALUE -> node.valueText();
        }).collect(Collectors.joining(System.lineSeparator()));
        Clipboard clipboard = new Clipboard(display);
        try {
            clipboard.setContents(new Object[] { text }, new Transfer[] { TextTransfer.getInstance() });
        } finally {
            clipboard.dispose();
        }
    }

    /**
     * Writes {@code from} and the keys below it that the filter shows to {@code file}, one
     * {@code key = value} line each (newlines in values as \n), as {@code pvscope ls -l} lists them.
     */
    public void export(KeyTree tree, KeyNode from, Path file) {
        List<String> lines = new ArrayList<>();
        tree.forEachVisible(from, node -> {
            if (!node.isDeleted()) {
                lines.add(node.hasChildren() && !node.hasValue() ? node.key() + "/"
                        : node.key() + " = " + node.valueText().replace("\\", "\\\\").replace("\n", "\\n"));
            }
        });
        NetworkJob.of("Exporting " + lines.size() + " keys to " + file.getFileName(),
                () -> CompletableFuture.runAsync(() -> {
                    try {
                        Files.write(file, lines, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }), display)
                .whenFailed(error -> view.status().message("Export failed: " + error.getMessage()))
                .whenDone(ignored -> view.status().message("Exported " + lines.size() + " keys to " + file))
                .schedule();
    }

    /**
     * A change asked for while the keys shown are only the last known (the command was reached before its
     * enablement caught up) is refused here, with the reason, rather than queued for a guest that is stopped.
     */
    private boolean refusedWhileLastKnown(String what) {
        if (!view.showsLastKnown()) {
            return false;
        }
        view.status().error(what + ": " + view.lastKnownCause(false) + ", and the keys shown are only the last known");
        return true;
    }

    // ---- outcomes, on the UI thread; those of a session no longer shown are dropped

    private void readBack(StoreSession from, String key, KeyRead read) {
        KeyTree shown = view.updates().shownFor(from);
        if (shown == null) {
            return;
        }
        shown.putReadBack(key, read);
        view.updates().applyChanges();
    }

    private void deleted(StoreSession from, String key) {
        KeyTree shown = view.updates().shownFor(from);
        if (shown != null) {
            shown.delete(key);
            view.updates().applyChanges();
        }
    }

    private void failed(StoreSession from, String key, String message) {
        KeyTree shown = view.updates().shown();
        if (from != view.follower().session() || shown == null) {
            return;
        }
        KeyNode node = shown.find(key);
        if (node != null) {
            node.setLocalError(message);
            view.updates().relabelSiblings(node);
        }
        view.status().message(key + ": " + message);
    }
}
