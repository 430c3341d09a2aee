package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.pvscope.agent.kv.Errno;
import org.junit.jupiter.api.Test;

/**
 * The error details written field by field are the bytes protobuf's generated classes write for the same
 * google.rpc.Status, and read back by them as clients read them.
 */
class StatusDetailsTest {

    private static final Metadata.Key<byte[]> DETAILS =
            Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);

    @Test
    void everyErrnoIsWrittenAsTheGeneratedClassesWriteIt() throws Exception {
        for (Errno errno : Errno.values()) {
            for (String message : new String[] {"no such key: device/vif/0/mac", "", "ключ ✓ \u0000 " + "x".repeat(300)}) {
                StatusRuntimeException e = ErrorStatuses.of(errno, message);
                com.google.rpc.Status expected = com.google.rpc.Status.newBuilder()
                        .setCode(ErrorStatuses.codeOf(errno).value())
                        .setMessage(errno.name() + ": " + message)
                        .addDetails(Any.pack(ErrorInfo.newBuilder()
                                .setReason(errno.name())
                                .setDomain(ErrorStatuses.DOMAIN)
                                .putMetadata("errno", String.valueOf(errno.openbsdNumber()))
                                .putMetadata("strerror", errno.text())
                                .build()))
                        .build();

                assertThat(e.getTrailers().get(DETAILS)).as(errno + " " + message).isEqualTo(expected.toByteArray());
                assertThat(e.getStatus().getCode()).isEqualTo(ErrorStatuses.codeOf(errno));
                assertThat(e.getStatus().getDescription()).isEqualTo(errno.name() + ": " + message);
                assertThat(StatusProto.fromThrowable(e)).isEqualTo(expected);
            }
        }
    }

    @Test
    void aLimitIsWrittenAsTheGeneratedClassesWriteIt() throws Exception {
        StatusRuntimeException e = ErrorStatuses.limit(Status.Code.RESOURCE_EXHAUSTED, "max_calls_per_client",
                "more than 32 calls in progress from 'ide'");
        com.google.rpc.Status expected = com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.RESOURCE_EXHAUSTED.value())
                .setMessage("more than 32 calls in progress from 'ide'")
                .addDetails(Any.pack(ErrorInfo.newBuilder()
                        .setReason("LIMIT_EXCEEDED")
                        .setDomain(ErrorStatuses.DOMAIN)
                        .putMetadata("limit", "max_calls_per_client")
                        .build()))
                .build();

        assertThat(e.getTrailers().get(DETAILS)).isEqualTo(expected.toByteArray());
        ErrorInfo info = StatusProto.fromThrowable(e).getDetails(0).unpack(ErrorInfo.class);
        assertThat(info.getMetadataMap()).containsEntry("limit", "max_calls_per_client");
    }
}
