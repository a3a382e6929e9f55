package io.growthmetrics.bench;

import io.growthmetrics.bench.pings.FreshIds;
import io.growthmetrics.bench.pings.Installation;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Step 1, the raw Kafka ceiling: Kafka's own {@code ProducerPerformance} (acks=all) and then {@code
 * ConsumerPerformance} over the same records, on the stack's broker, in a child JVM (kafka-tools plus the broker's
 * jars). The records are real {@code telemetry.pings.v1} values (a payload file of generated ping events, a mix of
 * releases), keyed like the real topic (random keys over 50,000 installations), into a topic of 6 partitions like it.
 */
final class RawKafkaStep {

    private static final Pattern PRODUCER_SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec "
            + "\\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms "
            + "95th, (\\d+) ms 99th, (\\d+) ms 99.9th");

    private RawKafkaStep() {
    }

    static void run(Context ctx, Results.Step step) throws Exception {
        long records = ctx.plan.rawRecords();
        String topic = "bench.raw-kafka." + Integer.toHexString(ctx.runTag);
        Path payloads = ctx.workDir.resolve("raw-kafka-payloads.txt");
        double meanSize = writePayloads(payloads, 2000, ctx.runTag);
        ctx.kafka.createTopic(topic, 6);
        try {
            List<String> producer = List.of("org.apache.kafka.tools.ProducerPerformance",
                    "--bootstrap-server", ctx.stack.bootstrapServers(), "--topic", topic,
                    "--num-records", Long.toString(records), "--throughput", "-1",
                    "--payload-file", payloads.toString(),
                    "--key-distribution", "random", "--record-key-range", "50000",
                    "--command-property", "acks=all", "client.id=bench-producer-performance");
            List<String> out = runTool(ctx, producer, ctx.workDir.resolve("producer-performance.log"));
            Matcher summary = null;
            for (String line : out) {
                Matcher m = PRODUCER_SUMMARY.matcher(line);
                if (m.find()) {
                    summary = m; // the last one is the whole run's
                }
            }
            if (summary == null) {
                throw new IllegalStateException("ProducerPerformance printed no summary; see "
                        + ctx.workDir.resolve("producer-performance.log"));
            }
            double producerRate = Double.parseDouble(summary.group(2));
            double producerMb = Double.parseDouble(summary.group(3));
            step.figure("recordBytesMean", Results.round(meanSize, 0))
                    .figure("producerRecords", Long.parseLong(summary.group(1)))
                    .figure("producerRecordsPerSecond", producerRate)
                    .figure("producerMBPerSecond", producerMb)
                    .figure("producerAvgLatencyMs", Double.parseDouble(summary.group(4)))
                    .figure("producerP50Ms", Long.parseLong(summary.group(6)))
                    .figure("producerP99Ms", Long.parseLong(summary.group(8)))
                    .figure("producerP999Ms", Long.parseLong(summary.group(9)));
            ctx.rawProducerRecordsPerSecond = producerRate;
            step.row("ProducerPerformance, acks=all, " + Results.format(records, 0) + " records of "
                            + Results.format(meanSize, 0) + " B (real ping events)",
                    Results.format(producerRate, 0) + " records/s (" + Results.format(producerMb, 1) + " MB/s), p50 "
                            + summary.group(6) + " ms, p99 " + summary.group(8) + " ms");

            List<String> consumer = List.of("org.apache.kafka.tools.ConsumerPerformance",
                    "--bootstrap-server", ctx.stack.bootstrapServers(), "--topic", topic,
                    "--num-records", Long.toString(records), "--group", "bench-consumer-performance-"
                            + Integer.toHexString(ctx.runTag), "--timeout", "30000");
            List<String> cout = runTool(ctx, consumer, ctx.workDir.resolve("consumer-performance.log"));
            Map<String, String> stats = consumerStats(cout);
            double consumerRate = Double.parseDouble(stats.get("nMsg.sec"));
            double consumerMb = Double.parseDouble(stats.get("MB.sec"));
            long consumed = Long.parseLong(stats.get("data.consumed.in.nMsg"));
            step.figure("consumerRecords", consumed)
                    .figure("consumerRecordsPerSecond", consumerRate)
                    .figure("consumerMBPerSecond", consumerMb)
                    .figure("consumerFetchRecordsPerSecond", Double.parseDouble(stats.get("fetch.nMsg.sec")));
            step.row("ConsumerPerformance, the same records", Results.format(consumerRate, 0) + " records/s ("
                    + Results.format(consumerMb, 1) + " MB/s), " + Results.format(consumed, 0) + " records");
            step.note("Kafka's own tools (kafka-tools " + ctx.machineValue("kafka tools (ProducerPerformance, ConsumerPerformance)")
                    + ") in a child JVM on the stack's broker, while the stack runs idle; producer defaults otherwise "
                    + "(Kafka 4: linger.ms=5, batch.size=16384, idempotence on). Topic " + topic + ", 6 partitions, deleted "
                    + "afterwards. Output: producer-performance.log, consumer-performance.log in " + ctx.workDir + ".");
        } finally {
            ctx.kafka.deleteTopic(topic);
        }
    }

    /** Lines of real ping events (one JSON document per line); returns their mean size in bytes. */
    static double writePayloads(Path file, int count, int runTag) throws IOException {
        Random random = new Random(runTag);
        FreshIds ids = new FreshIds(runTag, 0x0ff);
        List<String> lines = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < count; i++) {
            Installation installation = new Installation(ids.id(i), random, 364, 365, false);
            TelemetryPingEvent event = new TelemetryPingEvent(TelemetryPingEvent.SCHEMA_VERSION,
                    UUID.randomUUID().toString(), Instant.now(), TelemetryPingEvent.SOURCE_PING,
                    installation.senderIpHash(), installation.ping(), Map.of());
            String json = EventJson.mapper().writeValueAsString(event);
            lines.add(json);
            total += json.getBytes(StandardCharsets.UTF_8).length;
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        return (double) total / count;
    }

    private static Map<String, String> consumerStats(List<String> out) {
        for (int i = 0; i < out.size() - 1; i++) {
            String header = out.get(i);
            if (header.startsWith("start.time")) {
                String[] names = header.split(",\\s*");
                String[] values = out.get(i + 1).split(",\\s*");
                Map<String, String> stats = new LinkedHashMap<>();
                for (int k = 0; k < names.length && k < values.length; k++) {
                    stats.put(names[k].trim(), values[k].trim());
                }
                return stats;
            }
        }
        throw new IllegalStateException("ConsumerPerformance printed no statistics: " + String.join(" / ",
                out.subList(Math.max(0, out.size() - 5), out.size())));
    }

    private static List<String> runTool(Context ctx, List<String> args, Path log) throws IOException, InterruptedException {
        Path tools = ctx.repo.resolve("bench/target/kafka-tools");
        Path brokerLibs = ctx.repo.resolve("deploy/kafka-broker/target/kafka-libs");
        if (!Files.isDirectory(tools) || !Files.isDirectory(brokerLibs)) {
            throw new IllegalStateException("kafka-tools (" + tools + ") or the broker's jars (" + brokerLibs
                    + ") are missing: build with mvn -B -DskipTests install -pl bench -am");
        }
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", tools + "/*:" + brokerLibs + "/*"));
        command.addAll(args);
        ctx.console.info("Running " + args.get(0).substring(args.get(0).lastIndexOf('.') + 1) + " ...");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(ctx.plan.full() ? 30 : 5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(args.get(0) + " did not finish; see " + log);
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(args.get(0) + " exited with " + process.exitValue() + ": "
                    + String.join(" / ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
        }
        return lines;
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
