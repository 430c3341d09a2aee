package io.pvscope.agent.cli;

import io.pvscope.agent.bus.Detection;
import io.pvscope.agent.detect.DetectionJson;
import io.pvscope.agent.detect.DetectionReport;
import io.pvscope.agent.detect.DetectionText;
import io.pvscope.agent.fs.SystemRoot;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code pvscope detect} in its plain forms, without picocli: building picocli's model of the command takes
 * about a third of the command's run as a process, which scripts pay at every call. Taken: {@code detect}
 * with {@code --json} and {@code --root DIR} (or {@code --root=DIR}), each at most once, where DIR is a
 * directory. Anything else (help, {@code --benchmark}, an @file, a root that is not a directory, a usage
 * error) is left to picocli, which parses and answers as it always has. The output is the same, byte for byte
 * ({@code DetectArgumentsTest}).
 */
final class DetectArguments {

    /** The plain arguments: whether JSON was asked for, and the captured root if one was given. */
    record Plain(boolean json, Optional<Path> root) {
    }

    private DetectArguments() {
    }

    /** Runs detect to its end on stdout and stderr when picocli is not needed for {@code args}; else empty. */
    static OptionalInt run(String[] args) throws Exception {
        Optional<Plain> parsed = parse(args);
        return parsed.isEmpty() ? OptionalInt.empty() : OptionalInt.of(run(parsed.get(),
                printWriter(System.out, "sun.stdout.encoding"), printWriter(System.err, "sun.stderr.encoding")));
    }

    static OptionalInt run(String[] args, PrintWriter out, PrintWriter err) throws Exception {
        Optional<Plain> parsed = parse(args);
        return parsed.isEmpty() ? OptionalInt.empty() : OptionalInt.of(run(parsed.get(), out, err));
    }

    private static int run(Plain plain, PrintWriter out, PrintWriter err) throws Exception {
        try {
            SystemRoot root = plain.root().map(SystemRoot::of).orElseGet(SystemRoot::live);
            DetectionReport report = new Detection(root, Clock.systemUTC()).current().report();
            if (plain.json()) {
                out.println(DetectionJson.render(report));
            } else {
                DetectionText.print(report, out);
            }
            out.flush();
            return 0;
        } catch (Exception e) {
            return ErrorLines.reported("detect", e, line -> {
                err.println(line);
                err.flush();
            });
        }
    }

    /** The arguments as picocli would have taken them, or empty where picocli must parse them. */
    static Optional<Plain> parse(String[] args) {
        if (args.length == 0 || !args[0].equals("detect")) {
            return Optional.empty();
        }
        boolean json = false;
        Path root = null;
        try {
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--json") && !json) {
                    json = true;
                } else if (arg.startsWith("--root=") && root == null) {
                    root = Path.of(arg.substring("--root=".length()));
                } else if (arg.equals("--root") && root == null && PlainArguments.isValue(args, i + 1)) {
                    root = Path.of(args[++i]);
                } else {
                    return Optional.empty();
                }
            }
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        // picocli says what is wrong with a root that is not a directory.
        if (root != null && (root.toString().isEmpty() || !Files.isDirectory(root))) {
            return Optional.empty();
        }
        return Optional.of(new Plain(json, Optional.ofNullable(root)));
    }

    /** A writer on {@code stream} as picocli makes one: the JVM's console encoding, else the default. */
    private static PrintWriter printWriter(java.io.OutputStream stream, String encodingProperty) {
        String encoding = System.getProperty(encodingProperty);
        Charset charset = Charset.defaultCharset();
        if (encoding != null) {
            try {
                charset = Charset.forName(encoding);
            } catch (RuntimeException e) {
                // As picocli: an encoding this JVM lacks falls back to the default.
            }
        }
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
    }
}
