import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The attacker of the agent's fairness tests, run as another local user: opens COUNT gRPC calls (KvRead) on
 * one connection to 127.0.0.1:PORT that never send their request, in raw HTTP/2 (no library needed),
 * says "opened", then holds them until killed, reading and discarding what the agent sends.
 */
public class HalfOpenCalls {

    private static final int HEADERS = 0x1;
    private static final int SETTINGS = 0x4;
    private static final int END_HEADERS = 0x4;
    private static final int ACK = 0x1;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            frame(out, SETTINGS, 0, 0, new byte[0]);
            // The agent's own SETTINGS comes first: acknowledge it, as a client must.
            int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
            int type = in.readUnsignedByte();
            in.readUnsignedByte();
            in.readInt();
            in.readFully(new byte[length]);
            if (type != SETTINGS) {
                throw new IOException("expected the agent's SETTINGS, got frame type " + type);
            }
            frame(out, SETTINGS, ACK, 0, new byte[0]);
            for (int i = 0; i < count; i++) {
                frame(out, HEADERS, END_HEADERS, 1 + 2 * i, headers(port));
            }
            out.flush();
            System.out.println("opened " + count);
            System.out.flush();
            byte[] sink = new byte[16384];
            while (in.read(sink) >= 0) {
                // Windows, pings and the agent's answers: read so that its writes never block.
            }
        }
    }

    /** HPACK without Huffman or the dynamic table: static-table entries and literals (RFC 7541). */
    private static byte[] headers(int port) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x83); // :method POST
        block.write(0x86); // :scheme http
        literal(block, 4, "/pvscope.v1.PvBus/KvRead"); // :path
        literal(block, 1, "127.0.0.1:" + port); // :authority
        literalName(block, "content-type", "application/grpc");
        literalName(block, "te", "trailers");
        return block.toByteArray();
    }

    private static void literal(ByteArrayOutputStream block, int nameIndex, String value) {
        block.write(nameIndex); // literal without indexing, name from the static table (index < 15)
        string(block, value);
    }

    private static void literalName(ByteArrayOutputStream block, String name, String value) {
        block.write(0x00);
        string(block, name);
        string(block, value);
    }

    private static void string(ByteArrayOutputStream block, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        block.write(bytes.length); // under 127 bytes: one length byte, no Huffman
        block.write(bytes, 0, bytes.length);
    }

    private static void frame(DataOutputStream out, int type, int flags, int stream, byte[] payload)
            throws IOException {
        out.write(payload.length >>> 16);
        out.write(payload.length >>> 8);
        out.write(payload.length);
        out.write(type);
        out.write(flags);
        out.writeInt(stream);
        out.write(payload);
    }
}
