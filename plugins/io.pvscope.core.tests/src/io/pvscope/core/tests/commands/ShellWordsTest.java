package io.pvscope.core.tests.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pvscope.core.commands.ShellWords;

/** Quoted words survive a real POSIX shell unchanged. */
class ShellWordsTest {

    @Test
    void plainWordsStayUnquoted() {
        assertEquals("device/vif/0/mac", ShellWords.quote("device/vif/0/mac"));
        assertEquals("127.0.0.1:7393", ShellWords.quote("127.0.0.1:7393"));
    }

    @Test
    void emptyWordIsAnEmptyQuotedWord() {
        assertEquals("''", ShellWords.quote(""));
    }

    @Test
    void everyAwkwardWordReachesTheProgramUnchanged() throws Exception {
        List<String> words = List.of("it's", "a b", "$HOME", "`id`", "\"double\"", "back\\slash", "semi;colon",
                "glob*?[x]", "line1\nline2", "tab\there", "'", "''", "-n", "é ü", "!bang", "~tilde", "#hash",
                "", "a'b'c", "{a,b}", "x>y<z|w&v");
        assertEquals(words, throughShell(ShellWords.join(words)));
    }

    /** Runs {@code printf '%s\0' WORDS} in /bin/sh and splits what it printed. */
    static List<String> throughShell(String quotedWords) throws IOException, InterruptedException {
        return printed("printf '%s\\0' " + quotedWords);
    }

    /** Runs a /bin/sh script that prints NUL-terminated words, and splits them. */
    static List<String> printed(String script) throws IOException, InterruptedException {
        Process sh = new ProcessBuilder("/bin/sh", "-c", script)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = sh.getInputStream().readAllBytes();
        assertEquals(0, sh.waitFor());
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
                words.add(new String(out, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return words;
    }
}
