package io.pvscope.agent.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.pvscope.agent.detect.FakeRoots;
import io.pvscope.agent.kv.KvStore;
import io.pvscope.agent.kv.KvValue;
import io.pvscope.agent.kv.StoreException;
import io.pvscope.agent.kv.StoreInfo;
import io.pvscope.proto.v1.KvListRequest;
import io.pvscope.proto.v1.KvListResponse;
import io.pvscope.proto.v1.PvBusGrpc;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * KvList over keys with large values, on a real agent server: pages are bounded by bytes as well as by count
 * (a default page of 500 such keys would be far over the client's 4 MiB message limit), and a client that
 * does not read stops the agent from reading further pages.
 */
class KvListPagingTest {

    private static final int KEYS = 1_500;
    private static final byte[] VALUE = new byte[60 * 1024];

    private final WideStore store = new WideStore();
    private RunningAgent agent;

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void aListingOfLargeValuesComesInPagesOfAtMostOneMebibyteThatADefaultClientAccepts() throws Exception {
        agent = new RunningAgent(FakeRoots.root("no-hypervisor"), List.of(store), WritePolicy.none());
        List<Integer> pageBytes = new ArrayList<>();
        int entries = 0;
        Iterator<KvListResponse> pages = PvBusGrpc.newBlockingStub(agent.channel)
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .kvList(KvListRequest.newBuilder().setUnit(0).setKey("big").setWithValues(true).build());
        while (pages.hasNext()) {
            KvListResponse page = pages.next();
            pageBytes.add(page.getSerializedSize());
            entries += page.getEntriesCount();
            assertThat(page.getEntriesList()).allSatisfy(entry -> assertThat(entry.getValue().size()).isEqualTo(VALUE.length));
        }

        assertThat(entries).isEqualTo(KEYS);
        assertThat(pageBytes).allSatisfy(bytes -> assertThat(bytes).isLessThanOrEqualTo(1 << 20));
        System.out.printf("KvListPagingTest: %d keys of 60 KiB in %d pages of at most %d bytes%n", KEYS,
                pageBytes.size(), pageBytes.stream().mapToInt(Integer::intValue).max().orElse(0));
    }

    @Test
    void aClientThatDoesNotReadStopsTheAgentReadingFurtherPages() throws Exception {
        agent = new RunningAgent(FakeRoots.root("no-hypervisor"), List.of(store), WritePolicy.none());
        LinkedBlockingQueue<KvListResponse> received = new LinkedBlockingQueue<>();
        CompletableFuture<Status> closed = new CompletableFuture<>();
        ClientCall<KvListRequest, KvListResponse> call = agent.channel.newCall(PvBusGrpc.getKvListMethod(),
                CallOptions.DEFAULT.withDeadlineAfter(120, TimeUnit.SECONDS));
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(KvListResponse message) {
                received.add(message);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                closed.complete(status);
            }
        }, new Metadata());
        // Asks for nothing yet: the client reads no message, as a stalled reader would.
        call.sendMessage(KvListRequest.newBuilder().setUnit(0).setKey("big").setWithValues(true).build());
        call.halfClose();

        int readsBefore = awaitSteady(store.valueReads);
        System.out.printf("KvListPagingTest: an unread listing stopped after %d of %d values were read%n",
                readsBefore, KEYS);
        assertThat(readsBefore).as("values read while nobody reads the stream").isLessThan(KEYS / 2);

        call.request(Integer.MAX_VALUE);
        assertThat(closed.get(60, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.OK);
        assertThat(received.stream().mapToInt(KvListResponse::getEntriesCount).sum()).isEqualTo(KEYS);
    }

    /** The counter's value once it has not moved for half a second. */
    private static int awaitSteady(AtomicInteger counter) throws InterruptedException {
        int last = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            int now = counter.get();
            if (now == last && now > 0) {
                return now;
            }
            last = now;
            Thread.sleep(500);
        }
        return counter.get();
    }

    /** Keys big/k0000 … each with the same 60 KiB value, counted as they are read: no file, no copy. */
    private static final class WideStore implements KvStore {
        final AtomicInteger valueReads = new AtomicInteger();
        private final List<String> names = IntStream.range(0, KEYS).mapToObj(i -> String.format("k%04d", i)).toList();

        @Override
        public StoreInfo info() {
            return new StoreInfo("wide", "wide", true, false, "memory");
        }

        @Override
        public KvValue read(String key) throws StoreException {
            if (key.startsWith("big/")) {
                valueReads.incrementAndGet();
                return KvValue.of(VALUE);
            }
            return KvValue.of(new byte[0]);
        }

        @Override
        public byte[] write(String key, byte[] value) throws StoreException {
            throw new StoreException(io.pvscope.agent.kv.Errno.EROFS, "read-only");
        }

        @Override
        public List<String> list(String key) {
            return key.equals("big") ? names : key.isEmpty() ? List.of("big") : List.of();
        }
    }
}
