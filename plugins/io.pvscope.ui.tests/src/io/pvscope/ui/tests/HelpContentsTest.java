package io.pvscope.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.Platform;
import org.eclipse.help.HelpSystem;
import org.eclipse.help.IToc;
import org.eclipse.help.ITopic;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

import io.pvscope.ui.PvScopeUi;

/**
 * Help > Help Contents: the platform's help system lists the PvScope guide, every topic names a page that
 * the installed bundle carries, and each page's title is its topic's and its links lead to pages that exist.
 */
class HelpContentsTest {

    private static final Pattern TITLE = Pattern.compile("<title>([^<]*)</title>");
    private static final Pattern LINK = Pattern.compile("href=\"([^\"#:]+)\"");

    @Test
    void theGuideIsListedAndEveryPageExists() throws IOException {
        IToc guide = Arrays.stream(HelpSystem.getTocs())
                .filter(toc -> toc.getLabel().equals("PvScope Guide")).findFirst().orElseThrow();
        Bundle bundle = Platform.getBundle(PvScopeUi.BUNDLE_ID);
        List<String> labels = Arrays.stream(guide.getTopics()).map(ITopic::getLabel).toList();

        assertTrue(labels.containsAll(List.of("Targets view", "Device Tree view", "Key/Value Store view",
                "Debugging with PvScope", "Preferences")), labels.toString());
        for (ITopic topic : guide.getTopics()) {
            String path = topic.getHref().replaceFirst("^/" + PvScopeUi.BUNDLE_ID + "/", "");
            String page = read(bundle, path);
            Matcher title = TITLE.matcher(page);
            assertTrue(title.find(), path + " has a title");
            assertEquals(topic.getLabel().toLowerCase().replace(" view", ""),
                    title.group(1).toLowerCase().replace(" view", "").replace("pvscope ", ""),
                    path + " is the page its topic names");
            Matcher link = LINK.matcher(page);
            while (link.find()) {
                String target = path.substring(0, path.lastIndexOf('/') + 1) + link.group(1);
                assertNotNull(bundle.getEntry(target), path + " links to " + target + ", which exists");
            }
        }
    }

    private static String read(Bundle bundle, String path) throws IOException {
        URL entry = bundle.getEntry(path);
        assertNotNull(entry, path + " is in the bundle");
        try (InputStream in = entry.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
