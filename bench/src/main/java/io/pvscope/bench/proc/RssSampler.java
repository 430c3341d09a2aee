package io.pvscope.bench.proc;

/**
 * The highest RSS of a process during an operation, sampled every few milliseconds: VmHWM would also count
 * the start-up peak, which is not what serving one request costs.
 */
public final class RssSampler implements AutoCloseable {

    private final long pid;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long maxKib;

    public RssSampler(long pid) {
        this.pid = pid;
        this.maxKib = ProcStatus.rssKib(pid);
        this.thread = new Thread(this::sample, "rss-sampler-" + pid);
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            long now = ProcStatus.rssKib(pid);
            if (now > maxKib) {
                maxKib = now;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops sampling and returns the highest RSS seen, in KiB. */
    public long maxKib() throws InterruptedException {
        running = false;
        thread.join();
        long now = ProcStatus.rssKib(pid);
        return Math.max(maxKib, now);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
