package io.pvscope.agent.server.security;

import static io.pvscope.agent.server.security.AuthenticationTest.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.pvscope.proto.v1.KvDeleteRequest;
import io.pvscope.proto.v1.KvEntry;
import io.pvscope.proto.v1.KvListRequest;
import io.pvscope.proto.v1.KvReadRequest;
import io.pvscope.proto.v1.KvWriteRequest;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.proto.v1.WatchEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each authenticated client may read and write, on a real TLS agent. */
class AuthorisationTest {

    @TempDir
    Path dir;

    private SecureAgent agent;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        agent = new SecureAgent(dir, "");
        channel = agent.tls(null);
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
    }

    private PvBusGrpc.PvBusBlockingStub as(String token) {
        return SecureAgent.stub(channel, token);
    }

    private static KvWriteRequest write(String key, String value) {
        return KvWriteRequest.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value)).build();
    }

    private static KvReadRequest read(String key) {
        return KvReadRequest.newBuilder().setKey(key).build();
    }

    @Test
    void aWriteInsideTheCallersPrefixesSucceedsAndIsAuditedWithItsIdentity() {
        as(SecureAgent.IDE_TOKEN).kvWrite(write("data/note", "hello there"));

        assertThat(as(SecureAgent.IDE_TOKEN).kvRead(read("data/note")).getValue().toStringUtf8())
                .isEqualTo("hello there");
        assertThat(agent.auditLines()).contains("\"audit\":\"write\"", "\"identity\":\"ide\"",
                "\"key\":\"data/note\"", "\"outcome\":\"ok\"", "\"valueLength\":11").doesNotContain("hello there");
    }

    @Test
    void aWriteOutsideTheCallersPrefixesIsPermissionDeniedAuditedAndChangesNothing() {
        assertStatus(() -> as(SecureAgent.IDE_TOKEN).kvWrite(write("name", "evil")),
                Status.Code.PERMISSION_DENIED, "may write [sim:data/]");
        assertStatus(() -> as(SecureAgent.VIEWER_TOKEN).kvWrite(write("data/note", "evil")),
                Status.Code.PERMISSION_DENIED, "read-only");

        assertThat(as(SecureAgent.IDE_TOKEN).kvRead(read("name")).getValue().toStringUtf8()).isEqualTo("pvscope-demo");
        assertThat(agent.auditLines()).contains("\"identity\":\"ide\"", "\"key\":\"name\"", "\"outcome\":\"refused\"")
                .contains("\"identity\":\"viewer\"", "\"key\":\"data/note\"");
    }

    @Test
    void aTrailingSlashNamesTheSameNodeAsWithoutAndEscapesNoGrant() throws Exception {
        var robot = SecureAgent.stub(agent.tls(TestPki.client(dir, agent.ca, "robot")), null);
        as(SecureAgent.IDE_TOKEN).kvWrite(write("data/robot", "the node itself"));
        robot.kvWrite(write("data/robot/inside", "mine"));

        // The robot may write under data/robot/, which does not include the node data/robot.
        assertStatus(() -> robot.kvWrite(write("data/robot/", "overwritten")), Status.Code.PERMISSION_DENIED,
                "may write [sim:data/robot/]");
        assertStatus(() -> robot.kvDelete(KvDeleteRequest.newBuilder().setKey("data/robot//").build()),
                Status.Code.PERMISSION_DENIED, "may write [sim:data/robot/]");
        assertStatus(() -> as(SecureAgent.VIEWER_TOKEN).kvRead(read("device/")), Status.Code.PERMISSION_DENIED,
                "may read [sim:device/]");
        assertStatus(() -> as(SecureAgent.IDE_TOKEN).kvWrite(write("data/", "the parent")),
                Status.Code.PERMISSION_DENIED, "may write [sim:data/]");

        assertThat(as(SecureAgent.IDE_TOKEN).kvRead(read("data/robot")).getValue().toStringUtf8())
                .isEqualTo("the node itself");
        assertThat(as(SecureAgent.IDE_TOKEN).kvRead(read("data/robot/inside/")).getValue().toStringUtf8())
                .as("within a grant, the trailing slash still names the node").isEqualTo("mine");
        assertThat(agent.auditLines()).contains("\"key\":\"data/robot\"", "\"outcome\":\"refused\"");
    }

    @Test
    void aCertificateClientWritesOnlyUnderItsOwnPrefix() throws Exception {
        var robot = SecureAgent.stub(agent.tls(TestPki.client(dir, agent.ca, "robot")), null);

        robot.kvWrite(write("data/robot/state", "up"));
        assertStatus(() -> robot.kvWrite(write("data/other", "x")), Status.Code.PERMISSION_DENIED, "CN=robot");
        assertThat(agent.auditLines()).contains("\"identity\":\"" + SecureAgent.ROBOT_SUBJECT + "\"",
                "\"key\":\"data/robot/state\"", "\"key\":\"data/other\"");
    }

    @Test
    void readsOutsideTheReadPrefixesArePermissionDeniedAndAudited() {
        assertThat(as(SecureAgent.VIEWER_TOKEN).kvRead(read("device/vif/0/mac")).getValue().toStringUtf8())
                .isEqualTo("00:16:3e:5a:1c:07");

        assertStatus(() -> as(SecureAgent.VIEWER_TOKEN).kvRead(read("name")), Status.Code.PERMISSION_DENIED,
                "may read [sim:device/]");
        assertThat(agent.auditLines()).contains("\"audit\":\"read\"", "\"identity\":\"viewer\"", "\"key\":\"name\"");
    }

    @Test
    void listingAboveTheReadPrefixesShowsOnlyTheWayDown() {
        List<KvEntry> root = new ArrayList<>();
        as(SecureAgent.VIEWER_TOKEN).kvList(KvListRequest.newBuilder().setWithValues(true).build())
                .forEachRemaining(page -> root.addAll(page.getEntriesList()));

        assertThat(root).extracting(KvEntry::getKey).containsExactly("device");
        assertThat(root.get(0).getValue().isEmpty()).isTrue();
        assertStatus(() -> as(SecureAgent.VIEWER_TOKEN).kvList(KvListRequest.newBuilder().setKey("data").build())
                .forEachRemaining(page -> { }), Status.Code.PERMISSION_DENIED, "reading 'data'");
    }

    /** A grant decided once for all of a listing's children must still stop where its prefix stops. */
    @Test
    void aListingMarksAnEntryWritableOnlyWhereTheWriteGrantCoversIt() throws Exception {
        var robot = SecureAgent.stub(agent.tls(TestPki.client(dir, agent.ca, "robot")), null);
        as(SecureAgent.IDE_TOKEN).kvWrite(write("data/robot", "the node itself"));
        as(SecureAgent.IDE_TOKEN).kvWrite(write("data/other", "theirs"));
        robot.kvWrite(write("data/robot/inside", "mine"));

        List<KvEntry> all = list(robot, "data");
        assertThat(all).extracting(KvEntry::getAccess).containsOnly(KvEntry.Access.READ_ONLY);
        List<KvEntry> data = all.stream().filter(entry -> entry.getKey().matches("data/(other|robot)")).toList();
        assertThat(data).extracting(KvEntry::getKey).containsExactly("data/other", "data/robot");
        assertThat(data).extracting(entry -> entry.getValue().toStringUtf8())
                .containsExactly("theirs", "the node itself");
        assertThat(data).extracting(KvEntry::getHasChildren).containsExactly(false, true);

        List<KvEntry> inside = list(robot, "data/robot/");
        assertThat(inside).extracting(KvEntry::getKey).containsExactly("data/robot/inside");
        assertThat(inside).extracting(KvEntry::getAccess).containsExactly(KvEntry.Access.READ_WRITE);
        assertThat(inside.get(0).getValue().toStringUtf8()).isEqualTo("mine");

        assertThat(list(as(SecureAgent.IDE_TOKEN), "data")).extracting(KvEntry::getAccess)
                .containsOnly(KvEntry.Access.READ_WRITE);
        assertThat(list(as(SecureAgent.IDE_TOKEN), "")).filteredOn(entry -> entry.getKey().equals("data"))
                .extracting(KvEntry::getAccess).containsExactly(KvEntry.Access.READ_ONLY);
    }

    private static List<KvEntry> list(PvBusGrpc.PvBusBlockingStub stub, String key) {
        List<KvEntry> entries = new ArrayList<>();
        stub.kvList(KvListRequest.newBuilder().setKey(key).setWithValues(true).build())
                .forEachRemaining(page -> entries.addAll(page.getEntriesList()));
        return entries;
    }

    @Test
    void watchingOutsideTheReadPrefixesIsRefused() throws Exception {
        var denied = agent.watch(SecureAgent.VIEWER_TOKEN, "data");
        Object first = SecureAgent.next(denied);
        assertThat(first).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));

        var allowed = agent.watch(SecureAgent.VIEWER_TOKEN, "device/vif");
        SecureAgent.awaitSync(allowed);
        assertThat(allowed).noneMatch(e -> !(e instanceof WatchEvent));
    }
}
