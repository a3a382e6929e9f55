package io.growthmetrics.tools;

import io.growthmetrics.broker.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/dead-letters against a real broker: dead letters on a {@code .dlq} land once on their original topic, with the
 * original key and bytes; a second run replays nothing; single replays and later dead letters are not doubled.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DeadLetterReplayTest {

    private static KafkaBroker broker;
    private static final AtomicInteger TOPICS = new AtomicInteger();

    @BeforeAll
    static void startBroker() throws Exception {
        Path data = Path.of("target/broker-" + System.nanoTime());
        Files.createDirectories(data);
        broker = KafkaBroker.start(data, 0, Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** A dead letter as kpi-service writes it, and what was originally on the topic. */
    private record Letter(byte[] key, byte[] value, String reason) {
    }

    private static List<Letter> letters() {
        List<Letter> letters = new ArrayList<>();
        letters.add(new Letter(bytes("inst-1"), bytes("{\"schemaVersion\":1,\"ping\":{\"note\":\"a\\u0000b\"}}"),
                "unsupported Unicode escape sequence (SQLState 22P05)"));
        letters.add(new Letter(new byte[]{0x00, (byte) 0xfe}, new byte[]{(byte) 0xc3, 0x28, (byte) 0xff, 0x00, 0x7b},
                "not UTF-8"));
        letters.add(new Letter(null, bytes("{}"), "no key"));
        letters.add(new Letter(bytes("inst-3"), new byte[0], "empty value"));
        letters.add(new Letter(bytes("inst-4"), bytes("x".repeat(10_000)), "too long"));
        return letters;
    }

    @Test
    void replayAllLandsOnceWithTheOriginalKeyAndBytesAndASecondRunReplaysNothing() throws Exception {
        String topic = newTopics(3, 2);
        List<Letter> letters = letters();
        for (int i = 0; i < letters.size(); i++) {
            deadLetter(topic, i % 2, letters.get(i), i);
        }

        Run list = run("list", topic + ".dlq");
        assertEquals(0, list.status, list.text());
        assertTrue(list.out.contains("5 dead letters, 5 pending"), list.text());
        assertTrue(list.out.contains("unsupported Unicode escape sequence"), list.text());
        assertTrue(list.out.contains("0x00fe"), "a binary key in hex: " + list.text());

        Run first = run("replay", topic + ".dlq", "--all");
        assertEquals(0, first.status, first.text());
        assertTrue(first.out.contains("5 dead letters replayed"), first.text());
        assertSameLetters(letters, readAll(topic));

        assertTrue(readAll(topic).stream().allMatch(r -> r.headers().lastHeader("origin") != null),
                "the original headers are replayed");
        Run second = run("replay", topic + ".dlq", "--all");
        assertEquals(0, second.status, second.text());
        assertTrue(second.out.contains("0 dead letters replayed"), second.text());
        assertSameLetters(letters, readAll(topic));

        Run after = run("list", topic + ".dlq");
        assertTrue(after.out.contains("5 dead letters, 0 pending, 5 replayed"), after.text());
    }

    @Test
    void aSingleReplayThenAllThenNewDeadLettersAreEachReplayedOnce() throws Exception {
        String topic = newTopics(1, 1);
        List<Letter> letters = letters();
        for (int i = 0; i < 3; i++) {
            deadLetter(topic, 0, letters.get(i), i);
        }

        Run one = run("replay", topic + ".dlq", "--offset", "1");
        assertEquals(0, one.status, one.text());
        assertSameLetters(List.of(letters.get(1)), readAll(topic));
        Run again = run("replay", topic + ".dlq", "--offset", "1");
        assertEquals(0, again.status, again.text());
        assertTrue(again.out.contains("replayed before"), again.text());
        assertSameLetters(List.of(letters.get(1)), readAll(topic));

        Run all = run("replay", topic + ".dlq", "--all");
        assertEquals(0, all.status, all.text());
        assertTrue(all.out.contains("2 dead letters replayed"), all.text());
        assertSameLetters(letters.subList(0, 3), readAll(topic));

        deadLetter(topic, 0, letters.get(3), 3);
        deadLetter(topic, 0, letters.get(4), 4);
        Run later = run("replay", topic + ".dlq", "--all");
        assertTrue(later.out.contains("2 dead letters replayed"), later.text());
        assertSameLetters(letters, readAll(topic));
        assertTrue(run("replay", topic + ".dlq", "--all").out.contains("0 dead letters replayed"));
        assertSameLetters(letters, readAll(topic));
    }

    @Test
    void aDeadLetterWithoutItsTopicStaysPendingAndTheOthersAreReplayed() throws Exception {
        String topic = newTopics(1, 1);
        List<Letter> letters = letters();
        deadLetter(topic, 0, letters.get(0), 0);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic + ".dlq", 0, bytes("orphan"), bytes("{}"), new RecordHeaders()))
                    .get();
        }
        deadLetter(topic, 0, letters.get(1), 2);

        Run dry = run("replay", topic + ".dlq", "--all", "--dry-run");
        assertEquals(1, dry.status, dry.text());
        assertTrue(dry.out.contains("2 dead letters would be replayed"), dry.text());
        assertEquals(List.of(), readAll(topic), "a dry run replays nothing");

        Run replay = run("replay", topic + ".dlq", "--all");
        assertEquals(1, replay.status, replay.text());
        assertTrue(replay.err.contains("offset 1: no dead-letter-topic header"), replay.text());
        assertSameLetters(letters.subList(0, 2), readAll(topic));
        Run list = run("list", topic + ".dlq");
        assertTrue(list.out.contains("3 dead letters, 1 pending"), list.text());
        run("replay", topic + ".dlq", "--all");
        assertSameLetters(letters.subList(0, 2), readAll(topic));
    }

    @Test
    void theScriptListsAndReplays() throws Exception {
        String topic = newTopics(1, 1);
        deadLetter(topic, 0, letters().get(0), 0);
        Path script = Path.of(System.getProperty("user.dir")).resolve("../dead-letters").normalize();
        String listed = script(script, "list", topic + ".dlq");
        assertTrue(listed.contains("unsupported Unicode escape sequence") && listed.contains("1 pending"), listed);
        String replayed = script(script, "replay", topic + ".dlq", "--all");
        assertTrue(replayed.contains("1 dead letters replayed"), replayed);
        assertSameLetters(letters().subList(0, 1), readAll(topic));
    }

    private static String script(Path script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DEAD_LETTERS_SKIP_BUILD", "1");
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    @Test
    void refusesWhatItCannotDo() {
        assertEquals(2, run("replay", "x.dlq").status);
        assertEquals(2, run("replay", "x.dlq", "--all", "--offset", "1").status);
        assertEquals(2, run("drop", "x.dlq").status);
        assertEquals(1, run("replay", "telemetry.pings.v1", "--all").status, "only .dlq topics are replayed");
        Run missing = run("list", "no-such-topic-" + System.nanoTime() + ".dlq");
        assertEquals(1, missing.status, missing.text());
        assertTrue(missing.err.contains("no topic"), missing.text());
    }

    // ---- helpers

    private static String newTopics(int partitions, int dlqPartitions) throws Exception {
        String topic = "replay-test-" + TOPICS.incrementAndGet() + ".v1";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1),
                    new NewTopic(topic + ".dlq", dlqPartitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    private static void deadLetter(String topic, int dlqPartition, Letter letter, int originalOffset) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", bytes(letter.reason()));
        headers.add("dead-letter-topic", bytes(topic));
        headers.add("dead-letter-partition", bytes("0"));
        headers.add("dead-letter-offset", bytes(Integer.toString(originalOffset)));
        headers.add("origin", bytes("letter-" + originalOffset));   // an original header, kept on the dead letter
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(topic + ".dlq", dlqPartition, letter.key(), letter.value(), headers))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Everything committed on the topic, every partition from the beginning. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static void assertSameLetters(List<Letter> expected, List<ConsumerRecord<byte[], byte[]>> actual) {
        List<String> want = new ArrayList<>(expected.stream().map(l -> describe(l.key(), l.value())).sorted().toList());
        List<String> got = new ArrayList<>(actual.stream().map(r -> describe(r.key(), r.value())).sorted().toList());
        assertEquals(want, got, "the original topic holds each dead letter once, with its key and bytes");
        for (ConsumerRecord<byte[], byte[]> r : actual) {
            assertTrue(r.headers().lastHeader(DeadLetters.REPLAYED_HEADER) != null, "replayed records are marked");
            if (r.headers().lastHeader("dead-letter-reason") != null || r.headers().lastHeader("dead-letter-topic") != null) {
                throw new AssertionError("the dead-letter headers are not replayed");
            }
        }
    }

    private static String describe(byte[] key, byte[] value) {
        return (key == null ? "null" : HexFormat.of().formatHex(key)) + "=" + HexFormat.of().formatHex(value);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private record Run(int status, String out, String err) {
        String text() {
            return "status " + status + "\nout:\n" + out + "\nerr:\n" + err;
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--bootstrap-servers", broker.bootstrapServers()));
        all.addAll(List.of(args));
        int status = DeadLetters.run(all, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
