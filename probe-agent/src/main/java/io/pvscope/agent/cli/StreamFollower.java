package io.pvscope.agent.cli;

import io.grpc.stub.StreamObserver;
import io.pvscope.client.Silence;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Follows one server stream for a command ({@code watch}, {@code devices --watch}): hands each event to the
 * command on its own thread, says on stderr (and with --json on stdout) once per silence that the agent does
 * not answer and when it answers again, measured against the heartbeats the agent applies, and gives up
 * after {@code --timeout} of silence.
 */
final class StreamFollower<E> {

    /** Starts the call, its events going to {@code observer}. */
    interface Opener<E> {
        void open(StreamObserver<E> observer);
    }

    private static final long CHECK_MILLIS = 100;
    /** What the stream observer hands to the command's thread besides events: the end. */
    private static final Object END = new Object();

    private final String command;
    private final String target;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    StreamFollower(String command, String target, PrintWriter out, PrintWriter err, boolean json) {
        this.command = command;
        this.target = target;
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /**
     * @param heartbeat what was asked for (zero: none)
     * @param applied   the interval the agent says it applies, from the event that says so
     * @return the command's exit code: 0 when the agent ended the stream, 1 after a failure or --timeout
     */
    @SuppressWarnings("unchecked")
    int follow(Opener<E> opener, Duration heartbeat, Optional<Duration> timeout,
            Function<E, Optional<Duration>> applied, Consumer<E> onEvent) throws InterruptedException {
        BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
        opener.open(new StreamObserver<>() {
            @Override
            public void onNext(E event) {
                arrivals.add(event);
            }

            @Override
            public void onError(Throwable t) {
                arrivals.add(t);
            }

            @Override
            public void onCompleted() {
                arrivals.add(END);
            }
        });
        Silence silence = heartbeat.isZero() ? null : Silence.of(heartbeat);
        long lastHeard = System.nanoTime();
        while (true) {
            Object arrival = arrivals.poll(CHECK_MILLIS, TimeUnit.MILLISECONDS);
            if (arrival == null) {
                if (silence != null && silence.check().started()) {
                    liveness(false, silence.sinceLastHeard());
                }
                Duration quiet = Duration.ofNanos(System.nanoTime() - lastHeard);
                if (timeout.isPresent() && quiet.compareTo(timeout.get()) >= 0) {
                    err.println("pvscope " + command + ": " + target + ": no answer for " + whole(quiet)
                            + "; giving up (--timeout)");
                    err.flush();
                    return 1;
                }
                continue;
            }
            lastHeard = System.nanoTime();
            if (silence != null) {
                silence.heard().ifPresent(was -> liveness(true, was));
            }
            if (arrival == END) {
                return 0;
            }
            if (arrival instanceof Throwable failure) {
                return ClientErrors.report(err, command, target, failure);
            }
            E event = (E) arrival;
            Optional<Duration> interval = applied.apply(event);
            if (interval.isPresent()) {
                // Measure silences against the interval the agent applies; none if it sends no heartbeats.
                silence = interval.get().isZero() ? null : Silence.of(interval.get());
            }
            onEvent.accept(event);
        }
    }

    /** Says on stderr that the agent fell silent or answers again, and with --json on stdout too. */
    private void liveness(boolean answering, Duration silence) {
        err.println(answering ? "pvscope " + command + ": " + target + " answering again after " + whole(silence)
                : "pvscope " + command + ": no answer from " + target + " for " + whole(silence) + " ("
                        + Silence.WHY + ")");
        err.flush();
        if (json) {
            out.println(JsonLines.liveness(target, answering, silence));
            out.flush();
        }
    }

    /** "3 s", "12 s": whole seconds, as a person reads a silence. */
    static String whole(Duration duration) {
        return Math.round(duration.toMillis() / 1000.0) + " s";
    }
}
