package io.pvscope.core.commands;

import java.util.List;
import java.util.regex.Pattern;

/** Quotes words for a POSIX shell (sh, bash, ksh), so that a pasted command passes each word unchanged. */
public final class ShellWords {

    /** Characters no POSIX shell treats specially, in any position. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWords() {
    }

    /**
     * The word as the shell must see it: unchanged when it holds only plain characters, otherwise in single
     * quotes, where nothing is special except the quote itself, written as {@code '\''}.
     */
    public static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The words quoted and joined by spaces. */
    public static String join(List<String> words) {
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(quote(word));
        }
        return line.toString();
    }
}
