package io.pvscope.testsupport.guest;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** One command over QEMU's machine protocol (QMP): greeting, capabilities negotiation, the command. */
final class Qmp {

    private Qmp() {
    }

    static String execute(Path socket, String command) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8));
            OutputStream out = Channels.newOutputStream(channel);
            in.readLine();
            send(out, in, "qmp_capabilities");
            return send(out, in, command);
        }
    }

    /** Sends a command and returns its answer, skipping the asynchronous events QEMU interleaves. */
    private static String send(OutputStream out, BufferedReader in, String command) throws IOException {
        out.write(("{\"execute\":\"" + command + "\"}\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            JsonObject answer = JsonParser.parseString(line).getAsJsonObject();
            if (answer.has("return")) {
                return answer.get("return").toString();
            }
            if (answer.has("error")) {
                throw new IOException("QMP " + command + " failed: " + answer.get("error"));
            }
        }
        throw new IOException("QMP connection closed before the answer to " + command);
    }
}
