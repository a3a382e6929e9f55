package io.growthmetrics.kpi.messaging;

import io.agroal.api.AgroalDataSource;
import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.growthmetrics.contracts.rules.FeatureMetricRules;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** From {@code snapshots.daily.v1} to the snapshot tables and read views, with a real broker and the machine's PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class SnapshotConsumersTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = Topics.SNAPSHOTS_DAILY_V1;

    @Inject
    AgroalDataSource db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void emptySnapshotTables() throws SQLException {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE snapshot_day, snapshot_metric");
        }
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void aSnapshotLandsAsRowsAndRepublishingItLeavesIdenticalRows() throws Exception {
        String snapshot = """
                {"schemaVersion":1,"date":"2026-11-22","metrics":{"platform.teamCount":12,
                 "platform.teamsByType.Starter":7,"tables.databases{tier=pro}":3.50,
                 "exact":12345678901234567890.123456789012345,"zero":0,"negative":-2.5},"failures":[]}""";
        send("2026-11-22", snapshot);

        await().atMost(WAIT).untilAsserted(() -> assertEquals(6, metrics("2026-11-22").size()));
        List<String> rows = all();
        assertEquals(List.of(
                "exact|12345678901234567890.123456789012345",
                "negative|-2.5",
                "platform.teamCount|12",
                "platform.teamsByType.Starter|7",
                "tables.databases{tier=pro}|3.5",
                "zero|0"), metrics("2026-11-22"), "exact, never through a double");
        assertEquals(List.of("2026-11-22|[]"), rows("SELECT day, failures FROM read_snapshot_days"));
        String updated = updatedAt("2026-11-22");

        // The same snapshot again (re-taking the day): consumed, the same rows.
        send("2026-11-22", snapshot);
        await().atMost(WAIT).until(() -> !updatedAt("2026-11-22").equals(updated));
        assertEquals(rows, all());
    }

    @Test
    void aCorrectedSnapshotReplacesItsDayOnlyAndFailuresAreKept() throws Exception {
        send("2026-10-01", """
                {"schemaVersion":1,"date":"2026-10-01","metrics":{"a":1,"b":2,"c":3},"failures":[]}""");
        send("2026-10-02", """
                {"schemaVersion":1,"date":"2026-10-02","metrics":{"a":5,"b":6},
                 "failures":[{"source":"platform","error":"HTTP 503 after 3 attempts"}]}""");
        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals(List.of("a|1", "b|2", "c|3"), metrics("2026-10-01"));
            assertEquals(List.of("a|5", "b|6"), metrics("2026-10-02"));
        });
        assertEquals(List.of("2026-10-01|[]",
                "2026-10-02|[{\"error\": \"HTTP 503 after 3 attempts\", \"source\": \"platform\"}]"),
                rows("SELECT day, failures FROM read_snapshot_days ORDER BY day"));

        // Day 1 corrected: b changes, c is gone, d is new, and the platform failed this time. Day 2 is untouched.
        send("2026-10-01", """
                {"schemaVersion":1,"date":"2026-10-01","metrics":{"a":1,"b":20,"d":4},
                 "failures":[{"source":"platform","error":"timeout"}],"newerMinorField":true}""");
        await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of("a|1", "b|20", "d|4"), metrics("2026-10-01")));
        assertEquals(List.of("a|5", "b|6"), metrics("2026-10-02"));
        assertEquals(List.of("2026-10-01|[{\"error\": \"timeout\", \"source\": \"platform\"}]",
                "2026-10-02|[{\"error\": \"HTTP 503 after 3 attempts\", \"source\": \"platform\"}]"),
                rows("SELECT day, failures FROM read_snapshot_days ORDER BY day"));
        assertEquals(List.of("2026-10-01|a|1", "2026-10-01|b|20", "2026-10-01|d|4", "2026-10-02|a|5", "2026-10-02|b|6"),
                rows("SELECT day, name, value FROM read_snapshot_metrics ORDER BY day, name"));

        // A snapshot with nothing collected at all: the day is there, with no metrics.
        send("2026-10-02", """
                {"schemaVersion":1,"date":"2026-10-02","metrics":{},
                 "failures":[{"source":"platform","error":"down"}]}""");
        await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of(), metrics("2026-10-02")));
        assertEquals(List.of("2026-10-02|[{\"error\": \"down\", \"source\": \"platform\"}]"),
                rows("SELECT day, failures FROM read_snapshot_days WHERE day = '2026-10-02'"));
    }

    @Test
    void unprocessableRecordsGoToTheDeadLetterTopicWithTheReasonAndConsumptionGoesOn() throws Exception {
        String m = UUID.randomUUID().toString();
        String longName = "n".repeat(FeatureMetricRules.SERIES_NAME + 1);
        String longestName = "x".repeat(FeatureMetricRules.SERIES_NAME);
        List<String> bad = List.of(
                "{not json " + m,
                "{\"schemaVersion\":2,\"date\":\"2026-09-01\",\"metrics\":{},\"m\":\"" + m + "\"}",
                "{\"schemaVersion\":1,\"metrics\":{\"a\":1},\"m\":\"" + m + "\"}",
                "{\"schemaVersion\":1,\"date\":\"2026-09-01\",\"metrics\":[1],\"m\":\"" + m + "\"}",
                "{\"schemaVersion\":1,\"date\":\"2026-13-01\",\"metrics\":{},\"m\":\"" + m + "\"}",
                "{\"schemaVersion\":1,\"date\":\"9999-12-31\",\"metrics\":{},\"m\":\"" + m + "\"}",
                "[\"" + m + "\"]");
        for (String value : bad) {
            send("2026-09-01", value);
        }
        send("2026-09-01", "{\"schemaVersion\":1,\"date\":\"2026-09-01\",\"metrics\":{\"" + longestName
                + "\":1,\"a\":2},\"failures\":[]}");

        List<String> reasons = deadLetters(m, bad.size());
        assertEquals(bad.size(), reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).startsWith("not a daily snapshot: "), reasons.get(0));
        assertEquals("unsupported schemaVersion 2 (this consumer reads 1)", reasons.get(1));
        assertEquals("'date' is required", reasons.get(2));
        assertEquals("'metrics' must be a JSON object", reasons.get(3));
        assertTrue(reasons.get(4).startsWith("not a daily snapshot: "), reasons.get(4));
        assertTrue(reasons.get(5).startsWith("'date' must be between 2020-01-01 and "), reasons.get(5));
        assertEquals("not a daily snapshot: not a JSON object", reasons.get(6));

        await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of("a|2", longestName + "|1"), metrics("2026-09-01")));
        assertEquals(List.of("2026-09-01"), rows("SELECT day FROM snapshot_day"), "nothing of the bad records");
    }

    /** A bad series is left out of the views, the rest of its snapshot stored; it never dead-letters later days. */
    @Test
    void aBadSeriesIsLeftOutAndTheRestOfTheSnapshotStored() throws Exception {
        double before = droppedSeries();
        String longName = "n".repeat(FeatureMetricRules.SERIES_NAME + 1);
        for (String day : List.of("2026-08-01", "2026-08-02")) {
            send(day, "{\"schemaVersion\":1,\"date\":\"" + day + "\",\"metrics\":{\"good\":7,\"huge\":1e200000,"
                    + "\"text\":\"12\",\"nothing\":null,\"" + longName + "\":1,\"tiny\":1e-19,"
                    + "\"nul\\u0000\":1,\"alone\\ud800\":1}}");
        }
        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals(List.of("good|7"), metrics("2026-08-01"));
            assertEquals(List.of("good|7"), metrics("2026-08-02"));
        });
        assertEquals(before + 14, droppedSeries(), "7 bad series on each of the two days");
    }

    private static double droppedSeries() {
        return io.micrometer.core.instrument.Metrics.globalRegistry.find("kpi.snapshots.metrics.dropped").counters()
                .stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void readinessCoversTheSnapshotChannel() {
        await().atMost(WAIT).untilAsserted(() -> {
            String body = io.restassured.RestAssured.get("/q/health/ready").then().statusCode(200).extract().asString();
            assertTrue(body.contains("snapshots-daily"), body);
        });
    }

    // --- Kafka ---

    private void send(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Reasons of the dead letters whose value contains the marker, in order. */
    private List<String> deadLetters(String marker, int expected) {
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(SnapshotConsumer.DEAD_LETTER_TOPIC));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (reasons.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && r.value().contains(marker)) {
                        assertEquals(TOPIC, new String(r.headers().lastHeader("dead-letter-topic").value(),
                                StandardCharsets.UTF_8));
                        assertEquals("2026-09-01", r.key(), "the original key");
                        reasons.add(new String(r.headers().lastHeader("dead-letter-reason").value(),
                                StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return reasons;
    }

    // --- database ---

    private List<String> metrics(String day) throws SQLException {
        return rows("SELECT name, value FROM read_snapshot_metrics WHERE day = '" + day + "' ORDER BY name");
    }

    private List<String> all() throws SQLException {
        List<String> all = new ArrayList<>(rows("SELECT day, name, value FROM snapshot_metric ORDER BY day, name"));
        all.addAll(rows("SELECT day, failures FROM snapshot_day ORDER BY day"));
        return all;
    }

    private String updatedAt(String day) throws SQLException {
        List<String> rows = rows("SELECT updated_at FROM snapshot_day WHERE day = '" + day + "'");
        assertNotEquals(List.of(), rows);
        return rows.get(0);
    }

    private List<String> rows(String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(r.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
