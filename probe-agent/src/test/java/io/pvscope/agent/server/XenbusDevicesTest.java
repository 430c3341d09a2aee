package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.pvscope.agent.cli.RunningCommand;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.xenstore.XenStoreKvStore;
import io.pvscope.agent.kv.xenstore.RealXenstored;
import io.pvscope.testsupport.xenstore.Xenstored;
import io.pvscope.testsupport.xenstore.Xenstored.Daemon;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import io.pvscope.proto.v1.Device;
import io.pvscope.proto.v1.DeviceEvent;
import io.pvscope.proto.v1.PvBusGrpc;
import io.pvscope.proto.v1.WatchDevicesRequest;
import io.pvscope.proto.v1.DeviceProblem;
import io.pvscope.proto.v1.ListDevicesRequest;
import io.pvscope.proto.v1.XenbusDevice;
import io.pvscope.proto.v1.XenbusFeature;
import io.pvscope.proto.v1.XenbusTransition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XenBus devices decoded from the real cxenstored, seeded as a toolstack (libxl) does when it gives domain 7
 * a vif and a vbd: frontends under /local/domain/7/device, backends under /local/domain/0/backend, with
 * libxl's permissions. The test then plays netfront/netback and blkfront/blkback, step by step, and reads
 * what the agent makes of it through ListDevices and {@code pvscope devices}.
 */
class XenbusDevicesTest {

    private static final String VIF_FRONT = "/local/domain/7/device/vif/0";
    private static final String VIF_BACK = "/local/domain/0/backend/vif/7/0";
    private static final String VBD_FRONT = "/local/domain/7/device/vbd/51712";
    private static final String VBD_BACK = "/local/domain/0/backend/vbd/7/51712";

    @TempDir
    Path dir;

    private Xenstored xenstored;
    private RunningAgent agent;

    @BeforeEach
    void toolstackCreatesTheDevices() throws Exception {
        xenstored = RealXenstored.start(Daemon.CXENSTORED, dir);
        write("/local/domain/0/domid", "0");
        write("/local/domain/0/name", "Domain-0");
        write("/local/domain/7/domid", "7");
        write("/local/domain/7/name", "guest");
        device(VIF_FRONT, VIF_BACK, Map.of("handle", "0", "mac", "00:16:3e:5a:1c:07"),
                Map.of("handle", "0", "mac", "00:16:3e:5a:1c:07", "script", "/etc/xen/scripts/vif-bridge",
                        "bridge", "xenbr0", "type", "vif"));
        device(VBD_FRONT, VBD_BACK, Map.of("virtual-device", "51712", "device-type", "disk"),
                Map.of("params", "/dev/vg/guest", "mode", "w", "type", "phy", "dev", "xvda"));
        agent = new RunningAgent(FakeRoots.root("no-hypervisor"),
                List.of(new XenStoreKvStore(RealXenstored.endpoint(xenstored))), WritePolicy.of(List.of()));
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (xenstored != null) {
            xenstored.close();
        }
    }

    @Test
    void theNetworkHandshakeIsFollowedStateByStateWithItsNegotiation() throws Exception {
        assertThat(states(vif())).isEqualTo("1 (Initialising)/1 (Initialising)");
        assertThat(xen(vif()).getTypeName()).isEqualTo("network");
        assertThat(xen(vif()).getFrontend().getPath()).isEqualTo(VIF_FRONT);
        assertThat(xen(vif()).getBackend().getPath()).isEqualTo(VIF_BACK);
        assertThat(xen(vif()).getBackend().getOtherEndDomid()).isEqualTo(7);

        // netback probes: it offers its features and waits for the frontend.
        write(VIF_BACK + "/feature-sg", "1");
        write(VIF_BACK + "/feature-gso-tcpv4", "1");
        write(VIF_BACK + "/feature-rx-copy", "1");
        write(VIF_BACK + "/feature-split-event-channels", "1");
        write(VIF_BACK + "/multi-queue-max-queues", "2");
        write(VIF_BACK + "/state", "2");
        assertThat(states(vif())).isEqualTo("1 (Initialising)/2 (InitWait)");

        // netfront publishes its rings and what it wants, then says Initialised.
        write(VIF_FRONT + "/tx-ring-ref", "8");
        write(VIF_FRONT + "/rx-ring-ref", "9");
        write(VIF_FRONT + "/event-channel-tx", "17");
        write(VIF_FRONT + "/event-channel-rx", "18");
        write(VIF_FRONT + "/request-rx-copy", "1");
        write(VIF_FRONT + "/feature-sg", "1");
        write(VIF_FRONT + "/multi-queue-num-queues", "1");
        write(VIF_FRONT + "/state", "3");
        assertThat(states(vif())).isEqualTo("3 (Initialised)/2 (InitWait)");
        write(VIF_BACK + "/state", "4");
        awaitStates("3 (Initialised)/4 (Connected)");
        write(VIF_FRONT + "/state", "4");
        awaitStates("4 (Connected)/4 (Connected)");

        Device connectedDevice = vif();
        XenbusDevice connected = xen(connectedDevice);
        assertThat(states(connectedDevice)).isEqualTo("4 (Connected)/4 (Connected)");
        assertThat(problems(connectedDevice)).isEmpty();
        assertThat(connected.getTimelineList()).extracting(XenbusTransition::getFrontend, XenbusTransition::getBackend)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 1), org.assertj.core.groups.Tuple.tuple(1, 2),
                        org.assertj.core.groups.Tuple.tuple(3, 2), org.assertj.core.groups.Tuple.tuple(3, 4),
                        org.assertj.core.groups.Tuple.tuple(4, 4));
        assertThat(connected.getTimeline(0).getFirstSeen()).isTrue();
        Map<String, XenbusFeature> table = connected.getFeaturesList().stream()
                .collect(Collectors.toMap(XenbusFeature::getFeature, feature -> feature));
        assertThat(table.get("receive by copy").getOffered()).isEqualTo("1");
        assertThat(table.get("receive by copy").getRequested()).isEqualTo("1");
        assertThat(table.get("queues").getOffered()).isEqualTo("2");
        assertThat(table.get("queues").getRequested()).isEqualTo("1");
        assertThat(table.get("TCPv4 segmentation offload").hasRequested()).as("offered, not taken").isFalse();
        assertThat(connected.getRingsMap()).containsEntry("tx-ring-ref", "8").containsEntry("rx-ring-ref", "9")
                .containsEntry("event-channel-tx", "17");

        RunningCommand devices = RunningCommand.start("devices", "-H", target(), "-v");
        assertThat(devices.exit().get()).as(devices.err()).isZero();
        assertThat(devices.out()).contains("xenbus 0    vif/0 (network)  frontend 4 (Connected)  backend 4 (Connected)")
                .contains("receive by copy").contains("offered feature-rx-copy=1").contains("requested request-rx-copy=1");
    }

    @Test
    void stateChangesEnterTheTimelineWhenTheyHappenNotWhenTheDevicesAreNextListed() throws Exception {
        assertThat(states(vbd(Duration.ofSeconds(10)))).isEqualTo("1 (Initialising)/1 (Initialising)");

        // The drivers move on while nobody asks; the agent follows the store's watch.
        write(VBD_BACK + "/state", "2");
        Thread.sleep(400);
        write(VBD_FRONT + "/state", "3");
        Thread.sleep(400);
        write(VBD_BACK + "/state", "4");
        Thread.sleep(400);

        List<XenbusTransition> timeline = xen(vbd(Duration.ofSeconds(10))).getTimelineList();
        assertThat(timeline).extracting(XenbusTransition::getFrontend, XenbusTransition::getBackend).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, 1), org.assertj.core.groups.Tuple.tuple(1, 2),
                org.assertj.core.groups.Tuple.tuple(3, 2), org.assertj.core.groups.Tuple.tuple(3, 4));
        for (int i = 2; i < timeline.size(); i++) {
            long gapMillis = (timeline.get(i).getAt().getSeconds() - timeline.get(i - 1).getAt().getSeconds()) * 1000
                    + (timeline.get(i).getAt().getNanos() - timeline.get(i - 1).getAt().getNanos()) / 1_000_000;
            assertThat(gapMillis).as("noted when it happened, about 400 ms after the step before").isGreaterThan(250);
        }
    }

    @Test
    void watchDevicesSendsTheDevicesThenEachChangeAndWhatIsGone() throws Exception {
        BlockingQueue<DeviceEvent> events = new LinkedBlockingQueue<>();
        Context.CancellableContext context = Context.current().withCancellation();
        context.run(() -> PvBusGrpc.newStub(agent.channel).watchDevices(WatchDevicesRequest.newBuilder()
                .setHeartbeatInterval(com.google.protobuf.Duration.newBuilder().setNanos(200_000_000)).build(),
                new StreamObserver<>() {
                    @Override
                    public void onNext(DeviceEvent event) {
                        events.add(event);
                    }

                    @Override
                    public void onError(Throwable t) {
                        events.add(DeviceEvent.newBuilder().setError("stream failed: " + t).build());
                    }

                    @Override
                    public void onCompleted() {
                        events.add(DeviceEvent.newBuilder().setError("stream ended").build());
                    }
                }));
        RunningCommand cli = RunningCommand.start("devices", "-H", target(), "--watch");
        try {
            List<DeviceEvent> first = new ArrayList<>();
            for (DeviceEvent event = next(events); !event.hasSync(); event = next(events)) {
                first.add(event);
            }
            assertThat(first).extracting(event -> event.getDevice().getSource())
                    .containsExactly(VBD_FRONT, VIF_FRONT);
            cli.awaitOut("# in sync", Duration.ofSeconds(10));

            write(VIF_BACK + "/state", "2");
            DeviceEvent moved = until(events, DeviceEvent::hasDevice);
            assertThat(states(moved.getDevice())).isEqualTo("1 (Initialising)/2 (InitWait)");
            cli.awaitOut("vif/0 (network)  frontend 1 (Initialising)  backend 2 (InitWait)", Duration.ofSeconds(10));

            assertThat(xenstored.client("xenstore-rm", VBD_FRONT).exitCode()).isZero();
            assertThat(xenstored.client("xenstore-rm", VBD_BACK).exitCode()).isZero();
            assertThat(until(events, DeviceEvent::hasGone).getGone()).isEqualTo(VBD_FRONT);
            cli.awaitOut("gone   " + VBD_FRONT, Duration.ofSeconds(10));
            assertThat(until(events, DeviceEvent::hasHeartbeat).hasHeartbeat()).isTrue();
        } finally {
            context.cancel(null);
            cli.exit().cancel(true);
        }
    }

    private static DeviceEvent next(BlockingQueue<DeviceEvent> events) throws InterruptedException {
        DeviceEvent event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event within 10 s").isNotNull();
        assertThat(event.getError()).as("the stream goes on").doesNotStartWith("stream");
        return event;
    }

    private static DeviceEvent until(BlockingQueue<DeviceEvent> events, java.util.function.Predicate<DeviceEvent> wanted)
            throws InterruptedException {
        for (DeviceEvent event = next(events); ; event = next(events)) {
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    @Test
    void aPairWedgedBetweenStepsIsReportedStuckWithItsStates() throws Exception {
        write(VBD_BACK + "/feature-flush-cache", "1");
        write(VBD_BACK + "/state", "2");
        write(VBD_FRONT + "/ring-ref", "12");
        write(VBD_FRONT + "/event-channel", "21");
        write(VBD_FRONT + "/state", "3");
        assertThat(problems(vbd(Duration.ofMillis(500)))).as("just arrived at 3/2").isEmpty();

        Thread.sleep(700);

        assertThat(problems(vbd(Duration.ofMillis(500)))).singleElement().satisfies(problem -> {
            assertThat(problem.getCode()).isEqualTo("stuck");
            assertThat(problem.getReason()).contains("frontend 3 (Initialised), backend 2 (InitWait)");
        });
        RunningCommand devices = RunningCommand.start("devices", "-H", target(), "--stuck-after", "0.5");
        assertThat(devices.exit().get()).isZero();
        assertThat(devices.out()).contains("vbd/51712 (block)  frontend 3 (Initialised)  backend 2 (InitWait)")
                .contains("! stuck: stuck at frontend 3 (Initialised), backend 2 (InitWait)");
    }

    @Test
    void aCloseStoppedHalfwayAndAFrontendConnectedAloneAreNamed() throws Exception {
        write(VIF_BACK + "/state", "4");
        write(VIF_FRONT + "/state", "4");
        vif();
        write(VIF_FRONT + "/state", "5");
        vif(Duration.ofMillis(300));
        Thread.sleep(500);

        List<DeviceProblem> halfway = problems(vif(Duration.ofMillis(300)));
        assertThat(halfway).extracting(DeviceProblem::getCode).containsExactly("close-halfway");
        assertThat(halfway.get(0).getReason()).contains("frontend 5 (Closing), backend 4 (Connected)");

        write(VBD_FRONT + "/state", "4");
        write(VBD_BACK + "/state", "2");
        assertThat(problems(vbd(Duration.ofSeconds(10)))).extracting(DeviceProblem::getCode).containsExactly("state-mismatch");
    }

    @Test
    void aMissingBackendAndAFeatureTheBackendNeverOfferedAreProblems() throws Exception {
        write("/local/domain/7/device/vif/1/backend", "/local/domain/0/backend/vif/7/1");
        write("/local/domain/7/device/vif/1/state", "1");
        write(VIF_BACK + "/multi-queue-max-queues", "2");
        write(VIF_FRONT + "/multi-queue-num-queues", "4");

        List<Device> all = list(Duration.ofSeconds(10));

        assertThat(problems(find(all, VIF_FRONT))).extracting(DeviceProblem::getReason)
                .containsExactly("queues: the frontend wrote multi-queue-num-queues = 4 but the backend offers"
                        + " multi-queue-max-queues = 2");
        Device orphan = find(all, "/local/domain/7/device/vif/1");
        assertThat(problems(orphan)).extracting(DeviceProblem::getCode).containsExactly("backend-missing");
        assertThat(xen(orphan).getBackend().getPresent()).isFalse();
        assertThat(xen(orphan).getBackend().getError()).startsWith("ENOENT");
    }

    // ---- the toolstack and the drivers, through Xen's own clients

    private void device(String front, String back, Map<String, String> frontNodes, Map<String, String> backNodes)
            throws Exception {
        write(front + "/backend", back);
        write(front + "/backend-id", "0");
        write(front + "/state", "1");
        frontNodes.forEach((name, value) -> write(front + "/" + name, value));
        write(back + "/frontend", front);
        write(back + "/frontend-id", "7");
        write(back + "/online", "1");
        write(back + "/state", "1");
        backNodes.forEach((name, value) -> write(back + "/" + name, value));
        // libxl: the guest owns its frontend and dom0 may read it; dom0 owns the backend and the guest reads it.
        chmod(front, "n7", "r0");
        chmod(back, "n0", "r7");
    }

    private void write(String path, String value) {
        try {
            assertThat(xenstored.client("xenstore-write", path, value).exitCode()).as("write " + path).isZero();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void chmod(String path, String... permissions) throws Exception {
        String[] command = new String[permissions.length + 3];
        command[0] = "xenstore-chmod";
        command[1] = "-r";
        command[2] = path;
        System.arraycopy(permissions, 0, command, 3, permissions.length);
        assertThat(xenstored.client(command).exitCode()).isZero();
    }

    // ---- what the agent says

    /** Waits until the agent lists the vif in these states, as a driver waits for the other end. */
    private void awaitStates(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!states(vif()).equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(states(vif())).isEqualTo(expected);
    }

    private Device vif() {
        return vif(Duration.ofSeconds(10));
    }

    private Device vif(Duration stuckAfter) {
        return find(list(stuckAfter), VIF_FRONT);
    }

    private Device vbd(Duration stuckAfter) {
        return find(list(stuckAfter), VBD_FRONT);
    }

    private List<Device> list(Duration stuckAfter) {
        return agent.blocking().listDevices(ListDevicesRequest.newBuilder()
                .setStuckAfter(com.google.protobuf.Duration.newBuilder().setSeconds(stuckAfter.toSecondsPart())
                        .setNanos(stuckAfter.toNanosPart())).build()).getDevicesList();
    }

    private static Device find(List<Device> devices, String frontend) {
        return devices.stream().filter(device -> device.getState().hasXenbus()
                && device.getState().getXenbus().getFrontend().getPath().equals(frontend))
                .findFirst().orElseThrow(() -> new AssertionError("no device with frontend " + frontend + " in " + devices));
    }

    private static XenbusDevice xen(Device device) {
        return device.getState().getXenbus();
    }

    private static List<DeviceProblem> problems(Device device) {
        return device.getState().getProblemsList();
    }

    private static String states(Device device) {
        return state(xen(device).getFrontend()) + "/" + state(xen(device).getBackend());
    }

    private static String state(io.pvscope.proto.v1.XenbusEnd end) {
        return end.getState().getValue() + " (" + end.getState().getName() + ")";
    }

    private String target() {
        return "127.0.0.1:" + agent.server.address().getPort();
    }
}
