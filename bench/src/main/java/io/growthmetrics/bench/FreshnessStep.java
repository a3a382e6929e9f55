package io.growthmetrics.bench;

import io.growthmetrics.bench.http.HttpConnection;
import io.growthmetrics.bench.http.Load;
import io.growthmetrics.bench.pings.FreshIds;
import io.growthmetrics.bench.pings.PingBodies;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Step 4, freshness: pings at a steady rate (open loop), almost all from a pool of installations already counted
 * today, and among them, at a fixed pace, markers: pings of new installations, each of which adds one to today's
 * installations in growth-api. growth-api is polled every 50 ms; the n-th acknowledged marker counts as visible at
 * the first answer showing today's count at least the baseline + n. Freshness of a marker: from its {@code 200} to
 * that answer (an upper bound by at most the poll interval and the answer's own time).
 */
final class FreshnessStep {

    private static final long POLL_MILLIS = 50;

    private FreshnessStep() {
    }

    static void run(Context ctx, Results.Step step) throws Exception {
        Plan plan = ctx.plan;
        String host = Stack.HOST;
        int port = ctx.stack.port("telemetry-ingest");
        PingBodies bodies = new PingBodies(ctx.runTag + 4L, 256, true);
        FreshIds poolIds = new FreshIds(ctx.runTag, 0x004);
        FreshIds markerIds = new FreshIds(ctx.runTag, 0x005);
        int pool = plan.freshnessPool();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        Duration settle = Duration.ofMinutes(plan.full() ? 15 : 3);
        ViewsStep.awaitCaughtUp(ctx, settle);
        long before = stableCount(ctx, today, 0, settle);
        ctx.console.info("Freshness: " + pool + " installations ping once (today's installations: " + before
                + "), then the views settle ...");
        AtomicLong poolAcked = new AtomicLong();
        Load.Result warm = Load.closedLoop(host, port, Math.min(64, pool), Duration.ofDays(1), new Load.Source() {
            final AtomicLong next = new AtomicLong();

            @Override
            public Load.Request request(long slot) {
                long i = next.getAndIncrement();
                if (i >= pool) {
                    return null;
                }
                return new Load.Request(HttpConnection.post(host, port, "/ping", bodies.body(i, poolIds.id(i))), i, 0);
            }

            @Override
            public boolean completed(Load.Request r, HttpConnection.Response response, long done, long micros) {
                boolean ok = response.status() == 200 && response.text().contains("\"success\"");
                if (ok) {
                    poolAcked.incrementAndGet();
                }
                return ok;
            }
        });
        if (warm.errors() > 0) {
            step.note("The pool's first pings had " + warm.errors() + " errors: " + warm.failures);
        }
        ViewsStep.awaitCaughtUp(ctx, settle);
        // the pool's installations are new today: the count is settled once it shows them all, and stays
        long baseline = stableCount(ctx, today, before + poolAcked.get(), settle);
        ctx.console.info("Freshness: today's installations settled at " + baseline);

        int rate = plan.freshnessRate();
        int every = Math.max(1, rate / plan.freshnessMarkersPerSecond());
        // a warm-up at the rate, of the pool only (today's count stays): a cold ingest falls behind at once
        ctx.console.info("Freshness: warm-up, " + rate + " pings/s of the pool for " + plan.ingestWarmup().toSeconds() + " s");
        Load.Result warmup = Load.openLoop(host, port, 64, rate, plan.ingestWarmup(), plan.maxLag(), new Load.Source() {
            @Override
            public Load.Request request(long slot) {
                long i = slot % pool;
                return new Load.Request(HttpConnection.post(host, port, "/ping", bodies.body(i, poolIds.id(i))), i, 0);
            }

            @Override
            public boolean completed(Load.Request r, HttpConnection.Response response, long done, long micros) {
                return response.status() == 200;
            }
        });
        step.figure("warmupErrors", warmup.errors());
        List<Long> markerAcks = Collections.synchronizedList(new ArrayList<>());
        AtomicLong markerSeq = new AtomicLong();
        List<long[]> polls = Collections.synchronizedList(new ArrayList<>()); // {nanos when answered, count}
        AtomicBoolean polling = new AtomicBoolean(true);
        long[] pollErrors = {0};
        Thread poller = new Thread(() -> {
            try (GrowthApiReader api = new GrowthApiReader(ctx.stack)) {
                while (polling.get()) {
                    try {
                        long count = api.day(today, false).installations();
                        polls.add(new long[] {System.nanoTime(), count});
                    } catch (IOException | RuntimeException e) {
                        pollErrors[0]++;
                    }
                    try {
                        Thread.sleep(POLL_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "freshness-poller");
        poller.setDaemon(true);
        poller.start();

        ctx.console.info("Freshness: " + rate + " pings/s for " + plan.freshnessDuration().toSeconds() + " s, one new "
                + "installation every " + every + " pings ...");
        Load.Result load = Load.openLoop(host, port, 64, rate, plan.freshnessDuration(), plan.maxLag(), new Load.Source() {
            @Override
            public Load.Request request(long slot) {
                if (slot % every == every / 2) {
                    long m = markerSeq.getAndIncrement();
                    return new Load.Request(HttpConnection.post(host, port, "/ping", bodies.body(m, markerIds.id(m))), m, 1);
                }
                long i = slot % pool;
                return new Load.Request(HttpConnection.post(host, port, "/ping", bodies.body(i, poolIds.id(i))), i, 0);
            }

            @Override
            public boolean completed(Load.Request r, HttpConnection.Response response, long done, long micros) {
                boolean ok = response.status() == 200 && response.text().contains("\"success\"");
                if (ok && r.kind() == 1) {
                    markerAcks.add(done);
                }
                return ok;
            }
        });
        int markers = markerAcks.size();
        long deadline = System.nanoTime() + plan.freshnessTimeout().toNanos();
        while (System.nanoTime() < deadline && lastCount(polls) < baseline + markers) {
            Thread.sleep(POLL_MILLIS);
        }
        polling.set(false);
        poller.join(10_000);

        List<Long> acks = new ArrayList<>(markerAcks);
        Collections.sort(acks);
        List<long[]> answers = new ArrayList<>(polls);
        Histogram freshness = Load.newHistogram();
        int visible = 0;
        int p = 0;
        for (int n = 1; n <= acks.size(); n++) {
            while (p < answers.size() && answers.get(p)[1] < baseline + n) {
                p++;
            }
            if (p == answers.size()) {
                break;
            }
            long micros = Math.max(1, (answers.get(p)[0] - acks.get(n - 1)) / 1000);
            freshness.recordValue(Math.min(micros, freshness.getHighestTrackableValue()));
            visible++;
        }
        long finalCount = lastCount(answers);
        double p50 = visible == 0 ? Double.NaN : freshness.getValueAtPercentile(50) / 1e6;
        double p99 = visible == 0 ? Double.NaN : freshness.getValueAtPercentile(99) / 1e6;
        double max = visible == 0 ? Double.NaN : freshness.getMaxValue() / 1e6;
        IngestStep.putLoad(step, "load", load);
        step.figure("baselineInstallationsToday", baseline)
                .figure("markersAcknowledged", markers)
                .figure("markersVisible", visible)
                .figure("finalInstallationsToday", finalCount)
                .figure("p50Seconds", Results.round(p50, 3))
                .figure("p99Seconds", Results.round(p99, 3))
                .figure("maxSeconds", Results.round(max, 3))
                .figure("polls", answers.size())
                .figure("pollErrors", pollErrors[0]);
        step.row("at " + rate + " pings/s (achieved " + Results.format(load.okPerSecond(), 0) + " /s, "
                        + IngestStep.errorText(load) + " errors" + (load.notSent > 0 ? ", " + load.notSent
                        + " not sent: over " + plan.maxLag().toSeconds() + " s behind schedule, the load stopped" : "")
                        + "): from 200 to visible in growth-api, p50 / p99",
                Results.format(p50, 2) + " s / " + Results.format(p99, 2) + " s (max " + Results.format(max, 2) + " s; "
                        + visible + " of " + markers + " new installations seen)",
                "p99 ≤ 1 s", visible > 0 && visible == markers && p99 <= 1.0 && load.errors() == 0 && load.notSent == 0);
        double pollEvery = answers.size() < 2 ? Double.NaN
                : (answers.get(answers.size() - 1)[0] - answers.get(0)[0]) / 1e6 / (answers.size() - 1);
        step.figure("pollIntervalMsMean", Results.round(pollEvery, 0));
        step.note("growth-api answered a poll every " + Results.format(pollEvery, 0) + " ms on average: the precision "
                + "of these figures.");
        step.note("Pool: " + pool + " installations pinging (they ping again and again: no change to today's count); "
                + "markers: a new installation every " + every + " pings (" + plan.freshnessMarkersPerSecond() + " /s). "
                + "growth-api polled every " + POLL_MILLIS + " ms (GET /api/v1/installations/daily for today); the n-th "
                + "marker acknowledged is taken as visible when today's count first reaches baseline + n, so a marker "
                + "stored out of order shares the others' times.");
        if (finalCount > baseline + markers) {
            step.note("Today's count rose by " + (finalCount - baseline) + " for " + markers + " new installations: "
                    + "something else pinged meanwhile (another user of the stack?)");
        }
    }

    /**
     * Today's installations once they are at least {@code atLeast} and the same for 5 s. (The refresh of the views
     * runs every 2 s, but after a long one it waits three times as long: a figure that stays put says little; one
     * that reaches what was sent says the refresh has seen it.)
     */
    static long stableCount(Context ctx, LocalDate day, long atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long previous = -1;
        long since = System.nanoTime();
        try (GrowthApiReader api = new GrowthApiReader(ctx.stack)) {
            while (System.nanoTime() < deadline) {
                long count = api.day(day, false).installations();
                long now = System.nanoTime();
                if (count != previous) {
                    previous = count;
                    since = now;
                } else if (count >= atLeast && now - since > Duration.ofSeconds(5).toNanos()) {
                    return count;
                }
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("today's installations in growth-api did not settle at " + atLeast
                + " or more within " + timeout.toSeconds() + " s (last: " + previous + ")");
    }

    private static long lastCount(List<long[]> polls) {
        synchronized (polls) {
            return polls.isEmpty() ? -1 : polls.get(polls.size() - 1)[1];
        }
    }
}
