package io.pvscope.agent.hostctl;

import io.pvscope.agent.kv.Errno;
import io.pvscope.agent.kv.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * hostctl(8)'s flow, step for step as OpenBSD's: open the device, open the output, -t, encode key and
 * value with vis into 4096-byte buffers, cut at the first newline, read or write, print the returned value
 * vis-encoded unless it is empty or -q was given. Every failure prints one line and exits 1.
 */
public final class Hostctl {

    public static final String USAGE = "usage: hostctl [-qt] [-f device] [-i input] [-o output] key [value]";
    public static final String REMOTE_USAGE = "       hostctl -H host:port [-qt] [-f device] [-i input] [-o output] key [value]";

    /** KVBUFSZ: hostctl's key and value buffers. */
    static final int BUFFER = 4096;
    /** PVBUS_KVOP_MAXSIZE: the largest value buffer hostctl grows to on ERANGE. */
    static final int MAX_VALUE_BUFFER = 64 * 1024;

    private static final Pattern DEVICE = Pattern.compile("/dev/pvbus(\\d+)");

    /** The parsed command line. */
    public record Request(String device, Optional<String> input, Optional<String> output, boolean quiet,
                          boolean type, List<byte[]> operands) {
    }

    /** Files hostctl opens, so that tests and the remote mode share one implementation. */
    public interface Files {
        OutputStream create(String path) throws IOException;

        InputStream open(String path) throws IOException;
    }

    private final PvbusAccess pvbus;
    private final Files files;
    private final InputStream stdin;
    private final PrintStream stdout;
    private final PrintStream stderr;

    public Hostctl(PvbusAccess pvbus, Files files, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        this.pvbus = pvbus;
        this.files = files;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Runs one request; returns the exit status (0 or 1). */
    public int run(Request request) {
        try {
            return execute(request);
        } catch (Failure failure) {
            stderr.println("hostctl: " + failure.getMessage());
            return 1;
        } catch (Usage usage) {
            stderr.println(USAGE);
            return 1;
        }
    }

    private int execute(Request request) throws Failure, Usage {
        int unit = openDevice(request.device());
        OutputStream out = request.output().isPresent() ? openOutput(request.output().get()) : stdout;
        try {
            if (request.type()) {
                String type = call(() -> pvbus.type(unit));
                print(out, (request.device() + ": ").getBytes(StandardCharsets.UTF_8),
                        Vis.white(type.getBytes(StandardCharsets.UTF_8)));
                return 0;
            }
            List<byte[]> operands = request.operands();
            if (operands.isEmpty()) {
                throw new Usage();
            }
            String key = new String(toBuffer(operands.get(0), "key too long"), StandardCharsets.ISO_8859_1);
            byte[] result;
            if (operands.size() == 2 && request.input().isEmpty()) {
                byte[] value = toBuffer(operands.get(1), "value too long");
                result = call(() -> pvbus.write(unit, key, value));
            } else if (operands.size() == 1 && request.input().isPresent()) {
                byte[] value = readInput(request.input().get());
                result = call(() -> pvbus.write(unit, key, value));
            } else if (operands.size() == 1) {
                result = read(unit, key);
            } else {
                throw new Usage();
            }
            byte[] shown = untilNul(result);
            if (!request.quiet() && shown.length > 0) {
                print(out, Vis.safe(shown));
            }
            return 0;
        } finally {
            if (out != stdout) {
                closeQuietly(out);
            }
        }
    }

    private int openDevice(String device) throws Failure {
        Matcher m = DEVICE.matcher(device);
        if (!m.matches()) {
            throw new Failure("open: " + device + ": " + Errno.ENOENT.text());
        }
        int unit;
        try {
            unit = Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            throw new Failure("open: " + device + ": " + Errno.ENXIO.text());
        }
        try {
            pvbus.open(unit);
        } catch (StoreException e) {
            throw new Failure("open: " + device + ": " + describe(e));
        }
        return unit;
    }

    private OutputStream openOutput(String path) throws Failure {
        if (path.equals("-")) {
            return stdout;
        }
        try {
            return files.create(path);
        } catch (IOException e) {
            throw new Failure("fopen: " + path + ": " + FileErrors.text(e));
        }
    }

    /** kvsetstr: vis-encode into a 4096-byte buffer, refuse what does not fit, cut at the first newline. */
    private static byte[] toBuffer(byte[] raw, String tooLong) throws Failure {
        byte[] encoded = Vis.safe(untilNul(raw));
        if (encoded.length >= BUFFER) {
            throw new Failure(tooLong);
        }
        return untilNewline(encoded);
    }

    /** -i: one read of at most 4095 bytes; no file, nothing read or too long are all "input file". */
    private byte[] readInput(String path) throws Failure {
        byte[] raw;
        try (InputStream in = path.equals("-") ? null : files.open(path)) {
            InputStream source = in == null ? stdin : in;
            raw = source.readNBytes(BUFFER - 1);
        } catch (IOException e) {
            throw new Failure("input file");
        }
        byte[] encoded = Vis.safe(untilNul(raw));
        if (raw.length == 0 || encoded.length >= BUFFER) {
            throw new Failure("input file");
        }
        return untilNewline(encoded);
    }

    /** The driver answers ERANGE when the value does not fit; hostctl doubles its buffer up to 64 KiB. */
    private byte[] read(int unit, String key) throws Failure {
        byte[] value = call(() -> pvbus.read(unit, key));
        int buffer = BUFFER;
        while (untilNul(value).length + 1 > buffer && buffer < MAX_VALUE_BUFFER) {
            buffer *= 2;
        }
        if (untilNul(value).length + 1 > buffer) {
            throw new Failure("ioctl: " + Errno.ERANGE.text());
        }
        return value;
    }

    private interface Operation<T> {
        T run() throws StoreException;
    }

    private static <T> T call(Operation<T> operation) throws Failure {
        try {
            return operation.run();
        } catch (StoreException e) {
            throw new Failure("ioctl: " + describe(e));
        }
    }

    /** strerror's text; an I/O error also says what failed, since it is usually the transport or daemon. */
    private static String describe(StoreException e) {
        if (e.errno() == Errno.EIO && e.getMessage() != null && !e.getMessage().isEmpty()) {
            return Errno.EIO.text() + " (" + e.getMessage() + ")";
        }
        return e.errno().text();
    }

    private static void print(OutputStream out, byte[]... parts) throws Failure {
        try {
            for (byte[] part : parts) {
                out.write(part);
            }
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new Failure("write: " + FileErrors.text(e));
        }
    }

    private static byte[] untilNul(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return Arrays.copyOf(bytes, i);
            }
        }
        return bytes;
    }

    private static byte[] untilNewline(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return Arrays.copyOf(bytes, i);
            }
        }
        return bytes;
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // Output was flushed after each line; nothing is lost.
        }
    }

    /** A failure with hostctl's message (without the "hostctl: " prefix). */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    private static final class Usage extends Exception {
        private static final long serialVersionUID = 1L;
    }
}
