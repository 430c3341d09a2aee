package io.pvscope.agent.server;

import com.google.protobuf.CodedOutputStream;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A failed call's status with one ErrorInfo detail, as the rich error model puts it in the
 * {@code grpc-status-details-bin} trailer: a google.rpc.Status message holding an Any that holds the
 * ErrorInfo. The three messages are written field by field here rather than built with their generated
 * classes, which are of protobuf's reflective kind: an agent's first error loaded some 200 classes for them
 * (their descriptors, reflection tables, map entries) and kept 4.5 MB more resident for as long as it ran.
 * The bytes are those the generated classes write (checked in StatusDetailsTest), so clients read them
 * with the same classes as before.
 */
final class StatusDetails {

    private static final Metadata.Key<byte[]> DETAILS =
            Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);
    private static final String ERROR_INFO_TYPE = "type.googleapis.com/google.rpc.ErrorInfo";

    // Field numbers of google.rpc.Status, google.protobuf.Any, google.rpc.ErrorInfo and its map's entries.
    private static final int STATUS_CODE = 1;
    private static final int STATUS_MESSAGE = 2;
    private static final int STATUS_DETAILS = 3;
    private static final int ANY_TYPE_URL = 1;
    private static final int ANY_VALUE = 2;
    private static final int INFO_REASON = 1;
    private static final int INFO_DOMAIN = 2;
    private static final int INFO_METADATA = 3;
    private static final int ENTRY_KEY = 1;
    private static final int ENTRY_VALUE = 2;

    private StatusDetails() {
    }

    /**
     * The call's end: {@code code} and {@code message}, with an ErrorInfo of reason, domain and metadata (its
     * entries written in this order).
     */
    static StatusRuntimeException error(Status.Code code, String message, String reason, String domain,
                                        List<Map.Entry<String, String>> metadata) {
        byte[] info = message(out -> {
            string(out, INFO_REASON, reason);
            string(out, INFO_DOMAIN, domain);
            for (Map.Entry<String, String> entry : metadata) {
                // Map entries are written whole, key and value even when empty.
                out.writeByteArray(INFO_METADATA, message(pair -> {
                    pair.writeString(ENTRY_KEY, entry.getKey());
                    pair.writeString(ENTRY_VALUE, entry.getValue());
                }));
            }
        });
        byte[] any = message(out -> {
            out.writeString(ANY_TYPE_URL, ERROR_INFO_TYPE);
            out.writeByteArray(ANY_VALUE, info);
        });
        byte[] status = message(out -> {
            if (code.value() != 0) {
                out.writeInt32(STATUS_CODE, code.value());
            }
            string(out, STATUS_MESSAGE, message);
            out.writeByteArray(STATUS_DETAILS, any);
        });
        Metadata trailers = new Metadata();
        trailers.put(DETAILS, status);
        return Status.fromCode(code).withDescription(message).asRuntimeException(trailers);
    }

    /** A proto3 string field: not written when empty, as the generated classes do. */
    private static void string(CodedOutputStream out, int field, String value) throws IOException {
        if (!value.isEmpty()) {
            out.writeString(field, value);
        }
    }

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            fields.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        return bytes.toByteArray();
    }
}
