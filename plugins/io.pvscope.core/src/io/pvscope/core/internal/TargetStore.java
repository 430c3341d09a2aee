package io.pvscope.core.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.osgi.service.prefs.BackingStoreException;
import org.osgi.service.prefs.Preferences;

import io.pvscope.core.Target;
import io.pvscope.core.TargetSecurity;

/**
 * Keeps the target list in a preferences node: one child node per target, named by its position, so the
 * order survives a restart.
 */
public final class TargetStore {

    private static final String TARGETS = "targets";
    private static final String NAME = "name";
    private static final String HOST = "host";
    private static final String PORT = "port";
    // File paths only: the token is a secret and lives in a SecretStore.
    private static final String TLS = "tls";
    private static final String CA = "caFile";
    private static final String CERT = "certFile";
    private static final String KEY = "keyFile";

    private final Preferences root;

    public TargetStore(Preferences root) {
        this.root = root;
    }

    public List<Target> load() {
        List<Target> targets = new ArrayList<>();
        try {
            Preferences node = root.node(TARGETS);
            for (int index = 0; node.nodeExists(Integer.toString(index)); index++) {
                Preferences entry = node.node(Integer.toString(index));
                try {
                    targets.add(new Target(entry.get(NAME, null), entry.get(HOST, ""), entry.getInt(PORT, 0),
                            new TargetSecurity(entry.getBoolean(TLS, false), entry.get(CA, ""),
                                    entry.get(CERT, ""), entry.get(KEY, ""))));
                } catch (IllegalArgumentException e) {
                    log("Skipped a saved target that is not valid: " + e.getMessage(), e);
                }
            }
        } catch (BackingStoreException e) {
            log("Could not read the saved targets", e);
        }
        return targets;
    }

    public void save(List<Target> targets) {
        try {
            Preferences node = root.node(TARGETS);
            node.removeNode();
            node = root.node(TARGETS);
            for (int index = 0; index < targets.size(); index++) {
                Target target = targets.get(index);
                Preferences entry = node.node(Integer.toString(index));
                entry.put(NAME, target.name());
                entry.put(HOST, target.host());
                entry.putInt(PORT, target.port());
                TargetSecurity security = target.security();
                if (security.tls()) {
                    entry.putBoolean(TLS, true);
                    entry.put(CA, security.caFile());
                    entry.put(CERT, security.certFile());
                    entry.put(KEY, security.keyFile());
                }
            }
            root.flush();
        } catch (BackingStoreException e) {
            log("Could not save the targets", e);
        }
    }

    private static void log(String message, Exception e) {
        ILog.of(TargetStore.class).log(Status.warning(message, e));
    }
}
