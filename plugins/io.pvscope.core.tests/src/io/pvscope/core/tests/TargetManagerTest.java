package io.pvscope.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.Test;
import org.osgi.service.prefs.Preferences;

import io.pvscope.core.Target;
import io.pvscope.core.TargetListener;
import io.pvscope.core.TargetManager;
import io.pvscope.core.TargetSecurity;
import io.pvscope.core.internal.TargetStore;
import io.pvscope.core.tests.agent.MapSecrets;

class TargetManagerTest {

    /** A preferences node of its own per test, in the instance scope the workbench uses too. */
    private final Preferences node = InstanceScope.INSTANCE.getNode("io.pvscope.core.tests").node(UUID.randomUUID().toString());

    @Test
    void targetsSurviveARestartInTheirOrder() {
        TargetManager first = new TargetManager(new TargetStore(node));
        first.add(new Target("b", "10.0.0.2", 7393));
        first.add(new Target("a", "127.0.0.1", 7393));

        TargetManager restarted = new TargetManager(new TargetStore(node));

        assertEquals(List.of(new Target("b", "10.0.0.2", 7393), new Target("a", "127.0.0.1", 7393)),
                restarted.targets());
    }

    @Test
    void tlsSettingsSurviveARestartButNoSecretIsWrittenToPreferences() throws Exception {
        Target secured = new Target("lab", "10.0.0.3", 7393,
                new TargetSecurity(true, "ca.pem", "client.pem", "client.key"));
        new TargetManager(new TargetStore(node)).add(secured);

        TargetManager restarted = new TargetManager(new TargetStore(node));

        assertEquals(List.of(secured), restarted.targets());
        assertEquals(List.of("caFile", "certFile", "host", "keyFile", "name", "port", "tls"),
                List.of(node.node("targets/0").keys()).stream().sorted().toList());
    }

    @Test
    void removingATargetForgetsItsToken() {
        MapSecrets secrets = new MapSecrets();
        TargetManager manager = new TargetManager(new TargetStore(node), secrets);
        Target target = manager.add(new Target("lab", "10.0.0.4", 7393));
        secrets.setToken(target, "0123456789abcdef");

        manager.remove(target);

        assertEquals(Optional.empty(), secrets.token(target));
    }

    @Test
    void addingAKnownAddressKeepsTheKnownTarget() {
        TargetManager manager = new TargetManager(new TargetStore(node));
        Target known = manager.add(new Target("lab", "127.0.0.1", 7393));

        Target again = manager.add(new Target("other name", "127.0.0.1", 7393));

        assertSame(known, again);
        assertEquals(1, manager.targets().size());
    }

    @Test
    void editedTargetKeepsItsPlaceAndIsSaved() {
        TargetManager manager = new TargetManager(new TargetStore(node));
        Target first = manager.add(new Target("first", "127.0.0.1", 7393));
        manager.add(new Target("second", "127.0.0.1", 7394));

        manager.replace(first, new Target("renamed", "127.0.0.1", 7395));

        assertEquals(List.of(new Target("renamed", "127.0.0.1", 7395), new Target("second", "127.0.0.1", 7394)),
                new TargetManager(new TargetStore(node)).targets());
    }

    @Test
    void editToAnotherTargetsAddressIsRefused() {
        TargetManager manager = new TargetManager(new TargetStore(node));
        Target first = manager.add(new Target("first", "127.0.0.1", 7393));
        manager.add(new Target("second", "127.0.0.1", 7394));

        assertThrows(IllegalArgumentException.class,
                () -> manager.replace(first, new Target("first", "127.0.0.1", 7394)));
    }

    @Test
    void listenersHearAddsAndRemoves() {
        TargetManager manager = new TargetManager(new TargetStore(node));
        List<String> heard = new CopyOnWriteArrayList<>();
        manager.addListener(new TargetListener() {
            @Override
            public void targetAdded(Target target) {
                heard.add("added " + target.address());
            }

            @Override
            public void targetRemoved(Target target) {
                heard.add("removed " + target.address());
            }
        });

        Target target = manager.add(new Target(null, "127.0.0.1", 7393));
        manager.remove(target);

        assertEquals(List.of("added 127.0.0.1:7393", "removed 127.0.0.1:7393"), heard);
        assertEquals(List.of(), new TargetManager(new TargetStore(node)).targets());
    }
}
