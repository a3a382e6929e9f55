package io.growthmetrics.bench.http;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * HTTP load over a fixed number of keep-alive connections, one worker thread each.
 * <ul>
 *   <li><b>Closed loop</b>: every connection sends its next request as soon as the previous one is answered, for a
 *   given time: the maximum the server sustains at that concurrency. Latency is from send to answer (what wrk
 *   reports; a closed loop has no schedule to correct against).</li>
 *   <li><b>Open loop</b>: requests are due at fixed intervals (rate r: request i at t0 + i / r), taken by whichever
 *   connection is free. Latency is recorded from the <i>intended</i> send time (coordinated omission corrected: a
 *   stall delays every request due meanwhile, and each counts its wait), and also from the actual send
 *   (uncorrected), as wrk2 does. Requests more than {@code maxLag} behind schedule are not sent (counted).</li>
 * </ul>
 * Latencies are recorded in microseconds in HdrHistograms (3 significant digits).
 */
public final class Load {

    /** One request: its bytes, and what the source needs to know it again in {@link Source#completed}. */
    public record Request(byte[] bytes, long tag, int kind) {
    }

    /** Supplies the requests and judges the answers; called from the worker threads concurrently. */
    public interface Source {
        /** The request of slot {@code slot}; null when there is nothing more to send (that worker stops). */
        Request request(long slot);

        /** Whether the answer counts as a success (e.g. 200 with {"status":"success"}). */
        boolean completed(Request request, HttpConnection.Response response, long doneNanos, long latencyMicros);

        default void failed(Request request, Exception error) {
        }
    }

    /** What one run measured. */
    public static final class Result {
        public final String mode;
        public final int connections;
        public final double targetRate;
        public double seconds;
        public long sent;
        public long ok;
        public long notSent;
        public final Map<String, Long> failures = new TreeMap<>();
        public final Histogram corrected = newHistogram();
        public final Histogram uncorrected = newHistogram();

        Result(String mode, int connections, double targetRate) {
            this.mode = mode;
            this.connections = connections;
            this.targetRate = targetRate;
        }

        public long errors() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }

        public double okPerSecond() {
            return seconds <= 0 ? 0 : ok / seconds;
        }

        public double sentPerSecond() {
            return seconds <= 0 ? 0 : sent / seconds;
        }

        /** Milliseconds at a percentile of the corrected latencies (the uncorrected ones for a closed loop). */
        public double millis(double percentile) {
            Histogram h = mode.equals("closed") ? uncorrected : corrected;
            return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
        }

        public double uncorrectedMillis(double percentile) {
            return uncorrected.getTotalCount() == 0 ? Double.NaN : uncorrected.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    public static Histogram newHistogram() {
        return new Histogram(1, 3_600_000_000L, 3);
    }

    private Load() {
    }

    public static Result closedLoop(String host, int port, int connections, Duration duration, Source source)
            throws InterruptedException {
        return run(host, port, connections, 0, duration, Duration.ZERO, source);
    }

    public static Result openLoop(String host, int port, int connections, double ratePerSecond, Duration duration,
                                  Duration maxLag, Source source) throws InterruptedException {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
        }
        return run(host, port, connections, ratePerSecond, duration, maxLag, source);
    }

    private static Result run(String host, int port, int connections, double rate, Duration duration, Duration maxLag,
                              Source source) throws InterruptedException {
        boolean open = rate > 0;
        Result result = new Result(open ? "open" : "closed", connections, rate);
        AtomicLong slots = new AtomicLong();
        AtomicLong lastDone = new AtomicLong();
        long durationNanos = duration.toNanos();
        double intervalNanos = open ? 1e9 / rate : 0;
        long maxLagNanos = maxLag.toNanos();
        CountDownLatch connected = new CountDownLatch(connections);
        CountDownLatch go = new CountDownLatch(1);
        long[] t0 = new long[1];
        List<Worker> workers = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            Worker worker = new Worker(new HttpConnection(host, port, 30_000), source);
            workers.add(worker);
            Thread thread = new Thread(() -> {
                try {
                    worker.connection.connect();
                } catch (IOException e) {
                    worker.fail("connect: " + e.getClass().getSimpleName(), null, e);
                }
                connected.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long start = t0[0];
                long end = start + durationNanos;
                while (true) {
                    long intended;
                    if (open) {
                        long i = slots.getAndIncrement();
                        intended = start + (long) (i * intervalNanos);
                        if (intended >= end) {
                            break;
                        }
                        long wait;
                        while ((wait = intended - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        if (System.nanoTime() - intended > maxLagNanos) {
                            break; // saturated: the rest of the schedule is counted as not sent
                        }
                        Request request = source.request(i);
                        if (request == null) {
                            break;
                        }
                        worker.exchange(request, intended, lastDone);
                    } else {
                        long now = System.nanoTime();
                        if (now >= end) {
                            break;
                        }
                        Request request = source.request(slots.getAndIncrement());
                        if (request == null) {
                            break;
                        }
                        worker.exchange(request, now, lastDone);
                    }
                }
                worker.connection.close();
            }, "load-" + w);
            thread.setDaemon(true);
            worker.thread = thread;
            thread.start();
        }
        connected.await();
        t0[0] = System.nanoTime() + 20_000_000L;
        lastDone.set(t0[0]);
        go.countDown();
        for (Worker worker : workers) {
            worker.thread.join();
        }
        result.seconds = (lastDone.get() - t0[0]) / 1e9;
        for (Worker worker : workers) {
            result.sent += worker.sent;
            result.ok += worker.ok;
            result.corrected.add(worker.corrected);
            result.uncorrected.add(worker.uncorrected);
            worker.failures.forEach((k, v) -> result.failures.merge(k, v, Long::sum));
        }
        if (open) {
            long scheduled = (long) Math.ceil(durationNanos / intervalNanos);
            result.notSent = Math.max(0, scheduled - result.sent);
        }
        return result;
    }

    private static final class Worker {
        final HttpConnection connection;
        final Source source;
        final Histogram corrected = newHistogram();
        final Histogram uncorrected = newHistogram();
        final Map<String, Long> failures = new TreeMap<>();
        long sent;
        long ok;
        Thread thread;

        Worker(HttpConnection connection, Source source) {
            this.connection = connection;
            this.source = source;
        }

        void exchange(Request request, long intended, AtomicLong lastDone) {
            long started = System.nanoTime();
            sent++;
            try {
                HttpConnection.Response response = connection.exchange(request.bytes());
                long done = System.nanoTime();
                long correctedMicros = Math.max(1, (done - intended) / 1000);
                long uncorrectedMicros = Math.max(1, (done - started) / 1000);
                corrected.recordValue(Math.min(correctedMicros, corrected.getHighestTrackableValue()));
                uncorrected.recordValue(Math.min(uncorrectedMicros, uncorrected.getHighestTrackableValue()));
                lastDone.accumulateAndGet(done, Math::max);
                if (source.completed(request, response, done, correctedMicros)) {
                    ok++;
                } else {
                    failures.merge("HTTP " + response.status(), 1L, Long::sum);
                }
            } catch (IOException | RuntimeException e) {
                lastDone.accumulateAndGet(System.nanoTime(), Math::max);
                fail(e.getClass().getSimpleName(), request, e);
            }
        }

        void fail(String what, Request request, Exception e) {
            failures.merge(what, 1L, Long::sum);
            if (request != null) {
                source.failed(request, e);
            }
        }
    }
}
