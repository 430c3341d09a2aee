package io.pvscope.agent.tree;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The tree as indented text, like dmesg's "X at Y" in tree form; also the basis of its version stamp. */
public final class DeviceTreeText {

    private DeviceTreeText() {
    }

    public static void print(DeviceNode node, PrintWriter out) {
        print(node, out, "", each -> List.of());
        out.flush();
    }

    /** As {@link #print(DeviceNode, PrintWriter)}, with {@code details} of each node on lines below it. */
    public static void print(DeviceNode node, PrintWriter out, Function<DeviceNode, List<String>> details) {
        print(node, out, "", details);
        out.flush();
    }

    private static void print(DeviceNode node, PrintWriter out, String indent,
            Function<DeviceNode, List<String>> details) {
        out.print(indent + node.name());
        if (!node.attributes().isEmpty()) {
            out.print("  " + node.attributes().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
        }
        out.println("  [" + node.source() + "]");
        details.apply(node).forEach(line -> out.println(indent + "    " + line));
        node.children().forEach(child -> print(child, out, indent + "    ", details));
    }

    /** Equal trees give equal stamps; any change of name, driver, attribute or shape changes it. */
    public static long versionStamp(DeviceNode root) {
        StringWriter text = new StringWriter();
        print(root, new PrintWriter(text));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong() & Long.MAX_VALUE;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
