package io.growthmetrics.bench;

import io.growthmetrics.bench.http.HttpConnection;
import io.growthmetrics.bench.http.Load;
import io.growthmetrics.bench.pings.Counters;
import io.growthmetrics.bench.pings.FreshIds;
import io.growthmetrics.bench.pings.PingBodies;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Step 2, ingest: {@code POST /ping} with realistic pings (a mix of releases' field sets, compact JSON as the
 * sender posts it, a fresh instanceId each) over many keep-alive connections: a closed loop at the maximum (with
 * kpi-service paused by SIGSTOP, when the benchmark owns the stack, and with it running), then open loops at fixed
 * rates (latency from the intended send time: coordinated omission corrected). A 200 counts only with
 * {@code {"status":"success"}}. Afterwards every acknowledged ping is looked up in {@code telemetry.pings.v1} by its
 * key, from the offsets before the step to those after: none may be missing, none there twice.
 */
final class IngestStep {

    private IngestStep() {
    }

    static void run(Context ctx, Results.Step step) throws Exception {
        Plan plan = ctx.plan;
        PingBodies bodies = new PingBodies(ctx.runTag, 512, false);
        FreshIds ids = new FreshIds(ctx.runTag, 0x001);
        Counters acked = new Counters();
        AtomicLong sequence = new AtomicLong();
        String host = Stack.HOST;
        int port = ctx.stack.port("telemetry-ingest");
        Load.Source source = new Load.Source() {
            @Override
            public Load.Request request(long slot) {
                long s = sequence.getAndIncrement();
                return new Load.Request(HttpConnection.post(host, port, "/ping", bodies.body(s, ids.id(s))), s, 0);
            }

            @Override
            public boolean completed(Load.Request request, HttpConnection.Response response, long doneNanos, long micros) {
                boolean ok = response.status() == 200 && response.text().contains("\"success\"");
                if (ok) {
                    acked.increment(request.tag());
                }
                return ok;
            }
        };
        Map<TopicPartition, Long> before = ctx.kafka.endOffsets(Kafka.PINGS_TOPIC);
        step.figure("bodyBytesMean", Results.round(bodies.meanSize(), 0));
        int connections = plan.ingestConnections();
        long errors = 0;

        ctx.console.info("Ingest: warm-up, closed loop, " + connections + " connections, " + plan.ingestWarmup().toSeconds() + " s");
        Load.Result warmup = Load.closedLoop(host, port, connections, plan.ingestWarmup(), source);
        errors += warmup.errors();
        step.figure("warmupErrors", warmup.errors());

        List<Load.Result> closed = new ArrayList<>();
        List<String> closedLabels = new ArrayList<>();
        Long kpiPid = ctx.stack.owned() ? ctx.stack.pids().get("kpi-service") : null;
        if (kpiPid != null) {
            ctx.console.info("Ingest: closed loop with kpi-service paused (SIGSTOP), " + plan.ingestClosedLoop().toSeconds() + " s");
            ctx.stack.signal(kpiPid, "STOP");
            try {
                closed.add(Load.closedLoop(host, port, connections, plan.ingestClosedLoop(), source));
            } finally {
                ctx.stack.signal(kpiPid, "CONT");
            }
            closedLabels.add("consumerPaused");
        }
        ctx.console.info("Ingest: closed loop with kpi-service consuming, " + plan.ingestClosedLoop().toSeconds() + " s");
        closed.add(Load.closedLoop(host, port, connections, plan.ingestClosedLoop(), source));
        closedLabels.add("consumerRunning");

        double raw = ctx.rawProducerRecordsPerSecond;
        for (int i = 0; i < closed.size(); i++) {
            Load.Result r = closed.get(i);
            String label = closedLabels.get(i);
            errors += r.errors();
            double share = Double.isNaN(raw) ? Double.NaN : r.okPerSecond() / raw * 100;
            putLoad(step, "closedLoop." + label, r);
            step.figure("closedLoop." + label + ".shareOfRawProducerPct", Results.round(share, 1));
            String what = "closed loop, " + connections + " connections, " + (label.equals("consumerPaused")
                    ? "kpi-service paused" : "kpi-service consuming");
            step.row(what + ": accepted pings/s", Results.format(r.okPerSecond(), 0) + " /s (" + Results.format(share, 1)
                            + " % of raw ProducerPerformance)", "≥ 25 % of raw (" + Results.format(raw * 0.25, 0) + " /s)",
                    Double.isNaN(share) ? null : share >= 25);
            step.row(what + ": latency p50 / p99 / p99.9", latencies(r), "p99 ≤ 50 ms" + (connections == 64 ? ""
                    : " (at 64 connections; this run: " + connections + ")"), r.millis(99) <= 50);
            step.row(what + ": errors", errorText(r), "0", r.errors() == 0);
        }

        for (int rate : plan.ingestRates()) {
            ctx.console.info("Ingest: open loop at " + rate + " pings/s, " + plan.ingestOpenLoop().toSeconds() + " s");
            Load.Result r = Load.openLoop(host, port, connections, rate, plan.ingestOpenLoop(), plan.maxLag(), source);
            errors += r.errors();
            putLoad(step, "openLoop." + rate, r);
            step.row("open loop at " + rate + " pings/s: accepted /s, p50 / p99 / p99.9 corrected (uncorrected)",
                    Results.format(r.okPerSecond(), 0) + " /s; " + latencies(r) + " (" + uncorrected(r) + ")"
                            + (r.notSent > 0 ? "; " + r.notSent + " not sent, over " + plan.maxLag().toSeconds()
                            + " s behind schedule" : ""),
                    "p99 ≤ 50 ms, 0 errors", r.millis(99) <= 50 && r.errors() == 0 && r.notSent == 0);
        }

        ctx.console.info("Ingest: checking every acknowledged ping in " + Kafka.PINGS_TOPIC + " ...");
        Map<TopicPartition, Long> after = ctx.kafka.endOffsets(Kafka.PINGS_TOPIC);
        Counters seen = new Counters();
        long read = readKeys(ctx, before, after, ids, seen);
        long highest = sequence.get() - 1;
        long ackedCount = 0;
        long missing = 0;
        long duplicated = 0;
        long extraCopies = 0;
        long unackedPresent = 0;
        for (long s = 0; s <= highest; s++) {
            int a = acked.get(s);
            int n = seen.get(s);
            if (a > 0) {
                ackedCount++;
                if (n == 0) {
                    missing++;
                }
            } else if (n > 0) {
                unackedPresent++;
            }
            if (n > 1) {
                duplicated++;
                extraCopies += n - 1;
            }
        }
        errors += missing + duplicated;
        step.figure("sent", highest + 1)
                .figure("acknowledged", ackedCount)
                .figure("recordsReadBack", read)
                .figure("missing", missing)
                .figure("duplicated", duplicated)
                .figure("extraCopies", extraCopies)
                .figure("unacknowledgedButInTopic", unackedPresent)
                .figure("errorsTotal", errors);
        step.row("completeness: every acknowledged ping in " + Kafka.PINGS_TOPIC + " once",
                Results.format(ackedCount, 0) + " acknowledged: " + missing + " missing, " + duplicated + " twice or more"
                        + (unackedPresent > 0 ? "; " + unackedPresent + " not acknowledged but published" : ""),
                "none missing, none twice", missing == 0 && duplicated == 0);
        step.row("errors, all ingest runs (refusals, failed requests, lost or doubled pings)", Results.format(errors, 0),
                "0", errors == 0);
        step.note("Bodies: compact JSON as the FlowFuse sender posts it (JSON.stringify through axios), 512 shapes of a "
                + "release mix (about 10 % old releases with fewer fields, 4 % developer builds and test platforms), mean "
                + Results.format(bodies.meanSize(), 0) + " bytes; each request a fresh instanceId (UUID text whose last "
                + "12 hex digits number it, so the check needs no list of ids).");
        step.note("Load generator: the benchmark's own blocking HTTP/1.1 client, one thread and one keep-alive "
                + "connection each, on the same machine as the stack. Latency: HdrHistogram; closed loop from send to "
                + "answer; open loop from the intended send time (coordinated omission corrected), uncorrected in brackets.");
        if (kpiPid == null) {
            step.note("kpi-service was not paused for a closed loop: only the benchmark's own stack is (--use-running).");
        } else {
            step.note("Consumer paused: kpi-service stopped with SIGSTOP for the run (its consumer idle, as for the raw "
                    + "Kafka figures), SIGCONT afterwards; it then stores the backlog.");
        }
    }

    /** Reads the keys of {@code topic} between two sets of offsets and counts the ones that are these ids. */
    private static long readKeys(Context ctx, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, FreshIds ids,
                                 Counters seen) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ctx.stack.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-completeness");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>(to.keySet());
            consumer.assign(partitions);
            for (TopicPartition tp : partitions) {
                consumer.seek(tp, from.getOrDefault(tp, 0L));
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while (System.nanoTime() < deadline) {
                boolean done = true;
                for (TopicPartition tp : partitions) {
                    done &= consumer.position(tp) >= to.get(tp);
                }
                if (done) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (record.offset() >= to.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    read++;
                    long s = record.key() == null ? -1 : ids.sequenceOf(new String(record.key(), StandardCharsets.US_ASCII));
                    if (s >= 0) {
                        seen.increment(s);
                    }
                }
            }
        }
        return read;
    }

    static void putLoad(Results.Step step, String prefix, Load.Result r) {
        step.figure(prefix + ".connections", r.connections)
                .figure(prefix + ".targetRate", r.targetRate)
                .figure(prefix + ".seconds", Results.round(r.seconds, 2))
                .figure(prefix + ".sent", r.sent)
                .figure(prefix + ".ok", r.ok)
                .figure(prefix + ".okPerSecond", Results.round(r.okPerSecond(), 1))
                .figure(prefix + ".errors", r.errors())
                .figure(prefix + ".notSent", r.notSent)
                .figure(prefix + ".p50Ms", Results.round(r.millis(50), 2))
                .figure(prefix + ".p99Ms", Results.round(r.millis(99), 2))
                .figure(prefix + ".p999Ms", Results.round(r.millis(99.9), 2))
                .figure(prefix + ".maxMs", Results.round(r.millis(100), 2));
        if (r.mode.equals("open")) {
            step.figure(prefix + ".uncorrectedP50Ms", Results.round(r.uncorrectedMillis(50), 2))
                    .figure(prefix + ".uncorrectedP99Ms", Results.round(r.uncorrectedMillis(99), 2))
                    .figure(prefix + ".uncorrectedP999Ms", Results.round(r.uncorrectedMillis(99.9), 2));
        }
        if (!r.failures.isEmpty()) {
            step.figure(prefix + ".failures", r.failures);
        }
    }

    static String latencies(Load.Result r) {
        return Results.format(r.millis(50), 1) + " / " + Results.format(r.millis(99), 1) + " / "
                + Results.format(r.millis(99.9), 1) + " ms";
    }

    static String uncorrected(Load.Result r) {
        return Results.format(r.uncorrectedMillis(50), 1) + " / " + Results.format(r.uncorrectedMillis(99), 1) + " / "
                + Results.format(r.uncorrectedMillis(99.9), 1) + " ms";
    }

    static String errorText(Load.Result r) {
        return r.errors() == 0 ? "0" : r.errors() + " " + r.failures;
    }
}
