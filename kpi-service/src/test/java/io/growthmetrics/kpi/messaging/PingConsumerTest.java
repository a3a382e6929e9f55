package io.growthmetrics.kpi.messaging;

import io.agroal.api.AgroalDataSource;
import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.telemetry.TelemetryPing;
import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** From the topic to the views, with a real broker and the machine's PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class PingConsumerTest {

    /** Days relative to a start three weeks ago, so the views (materialized up to today) stay small. */
    private static final LocalDate D0 = LocalDate.now(ZoneOffset.UTC).minusDays(21);

    @Inject
    AgroalDataSource db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private KafkaProducer<String, String> producer;
    private final List<TelemetryPingEvent> sent = new ArrayList<>();

    @BeforeEach
    void emptyViews() throws SQLException {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        truncateEverything();
    }

    @AfterEach
    void close() throws Exception {
        producer.close();
    }

    /**
     * Window 7 days. a: days 0, 3 (gap shorter than the window), 14 (back after a longer gap). b: three pings on
     * day 2, the latest counts. A -git build and a stub platform on day 1 count only with includeDev.
     */
    @Test
    void activityWindowAddedRemovedDevExclusionAndLatestCounts() throws Exception {
        sendScenario();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<LocalDate, List<Long>> headline = daily(false);
            assertEquals(List.of(1L, 3L, 20L, 1L, 0L), headline.get(day(0)));
            assertEquals(List.of(1L, 3L, 20L, 0L, 0L), headline.get(day(1)));
            assertEquals(List.of(2L, 9L, 29L, 1L, 0L), headline.get(day(2)));
            assertEquals(List.of(2L, 9L, 29L, 0L, 0L), headline.get(day(8)));
            assertEquals(List.of(1L, 3L, 20L, 0L, 1L), headline.get(day(9)), "b silent since day 2");
            assertEquals(List.of(0L, 0L, 0L, 0L, 1L), headline.get(day(10)), "a silent since day 3");
            assertEquals(List.of(0L, 0L, 0L, 0L, 0L), headline.get(day(13)));
            assertEquals(List.of(1L, 4L, 25L, 1L, 0L), headline.get(day(14)), "a is back");
            assertEquals(List.of(1L, 4L, 25L, 0L, 0L), headline.get(day(20)));
            assertEquals(List.of(0L, 0L, 0L, 0L, 1L), headline.get(day(21)), "today: a silent for 7 days");

            Map<LocalDate, List<Long>> all = daily(true);
            assertEquals(List.of(3L, 113L, 130L, 2L, 0L), all.get(day(1)));
            assertEquals(List.of(2L, 9L, 29L, 0L, 2L), all.get(day(8)));
            assertIdentityHolds(headline);
            assertIdentityHolds(all);
        });
        assertEquals(Map.of("docker", 1L, "kubernetes", 1L), breakdown(day(2), "driver", false));
        assertEquals(Map.of("docker", 1L, "kubernetes", 1L, "localfs", 1L, "stub", 1L), breakdown(day(2), "driver", true));
        assertEquals(Map.of("2.33.2", 1L), breakdown(day(14), "version", false));
        assertEquals(Map.of("CE", 1L, "unknown", 1L), breakdown(day(2), "license", false));
    }

    @Test
    void aLatePingCorrectsItsDayAndTheDaysAfter() throws Exception {
        sendScenario();
        await().atMost(Duration.ofSeconds(60)).until(() -> daily(false).get(day(21)) != null
                && daily(false).get(day(14)).get(0) == 1L);

        send(ping("late", 11, 8, 2, 2, "2.33.0", "docker"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<LocalDate, List<Long>> headline = daily(false);
            assertEquals(List.of(0L, 0L, 0L, 0L, 1L), headline.get(day(10)), "before the late ping: unchanged");
            assertEquals(List.of(1L, 2L, 2L, 1L, 0L), headline.get(day(11)));
            assertEquals(List.of(2L, 6L, 27L, 1L, 0L), headline.get(day(14)));
            assertEquals(List.of(1L, 4L, 25L, 0L, 1L), headline.get(day(18)), "late silent since day 11");
            assertIdentityHolds(headline);
        });
    }

    @Test
    void aRedeliveredPingChangesNothingAndAReplayInAnyOrderGivesTheSameViews() throws Exception {
        sendScenario();
        await().atMost(Duration.ofSeconds(60)).until(() -> daily(false).get(day(21)) != null
                && daily(false).get(day(14)).get(0) == 1L && daily(true).get(day(1)).get(0) == 3L);
        Thread.sleep(1500); // a refresh interval or two: nothing more is pending
        List<String> views = snapshot();
        long pings = count("installation_ping");

        // Redelivery: every record once more, same event ids.
        sent.forEach(e -> publish(e));
        await().atMost(Duration.ofSeconds(30)).until(() -> duplicatesConsumed() >= sent.size());
        Thread.sleep(1500);
        assertEquals(pings, count("installation_ping"));
        assertEquals(views, snapshot());

        // Replay from scratch: empty views, the same events in another order.
        truncateEverything();
        List<TelemetryPingEvent> shuffled = new ArrayList<>(sent);
        Collections.shuffle(shuffled, new Random(7));
        shuffled.forEach(e -> publish(e));
        await().atMost(Duration.ofSeconds(60)).until(() -> count("installation_ping") == pings
                && snapshot().equals(views));
    }

    /**
     * Pings of the same installations and day arriving together (one poll, one multi-row upsert per round): each
     * installation's day is its latest ping by receive time, then by event id, whatever the order in the batch.
     */
    @Test
    void manyPingsOfTheSameInstallationsAndDayInOneBatchKeepTheLatest() throws Exception {
        Random random = new Random(11);
        List<TelemetryPingEvent> burst = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            // 6 hours for 40 pings each: many share a receive time, so the event id decides between them
            burst.add(ping("burst-" + (i % 6), 3, random.nextInt(6), i, 1, "2.33.2", "docker"));
        }
        for (TelemetryPingEvent event : burst) {
            producer.send(new ProducerRecord<>(Topics.TELEMETRY_PINGS_V1, event.ping().instanceId(),
                    EventJson.mapper().writeValueAsString(event)));
        }
        producer.flush();
        Map<String, String> expected = new java.util.TreeMap<>();
        for (int n = 0; n < 6; n++) {
            String instance = "burst-" + n;
            TelemetryPingEvent latest = burst.stream().filter(e -> e.ping().instanceId().equals(instance))
                    .max(java.util.Comparator.comparing(TelemetryPingEvent::receivedAt)
                            .thenComparing(TelemetryPingEvent::eventId)).orElseThrow();
            expected.put(instance, latest.eventId());
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertEquals(240L, count("installation_ping"));
            Map<String, String> kept = new java.util.TreeMap<>();
            try (Connection c = db.getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT instance_id, event_id FROM installation_day WHERE day = '" + day(3) + "'")) {
                while (r.next()) {
                    kept.put(r.getString(1), r.getString(2));
                }
            }
            assertEquals(expected, kept);
        });
    }

    @Test
    void unprocessableRecordsGoToTheDeadLetterTopicWithTheReasonAndConsumptionGoesOn() throws Exception {
        String key = "dlq-" + UUID.randomUUID();
        producer.send(new ProducerRecord<>(Topics.TELEMETRY_PINGS_V1, key, "{not json")).get();
        TelemetryPingEvent future = new TelemetryPingEvent(2, UUID.randomUUID().toString(), Instant.now(), "ping", null,
                new TelemetryPing(key, null, null, null), null);
        producer.send(new ProducerRecord<>(Topics.TELEMETRY_PINGS_V1, key, EventJson.mapper().writeValueAsString(future))).get();
        TelemetryPingEvent noId = new TelemetryPingEvent(1, UUID.randomUUID().toString(), Instant.now(), "ping", null,
                new TelemetryPing(" ", null, null, null), null);
        producer.send(new ProducerRecord<>(Topics.TELEMETRY_PINGS_V1, key, EventJson.mapper().writeValueAsString(noId))).get();
        send(ping("after-the-bad-ones", 21, 1, 1, 1, "2.33.0", "docker"));

        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(Topics.TELEMETRY_PINGS_V1_DEAD_LETTER));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (reasons.size() < 3 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        reasons.add(new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8));
                        assertEquals(Topics.TELEMETRY_PINGS_V1, new String(
                                r.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        assertEquals(3, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).startsWith("not a telemetry ping envelope: "), reasons.get(0));
        assertEquals("unsupported schemaVersion 2 (this consumer reads 1)", reasons.get(1));
        assertEquals("'instanceId' is required", reasons.get(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("installation_ping") == 1);
    }

    // --- scenario and helpers ---

    private void sendScenario() {
        send(ping("a", 0, 10, 3, 20, "2.33.0", "docker"));
        send(ping("a", 3, 9, 3, 20, "2.33.0", "docker"));
        send(ping("a", 14, 8, 4, 25, "2.33.2", "docker"));
        send(ping("b", 2, 8, 5, 7, "2.32.0", "kubernetes"));
        send(ping("b", 2, 20, 6, 9, "2.32.0", "kubernetes"));
        send(ping("b", 2, 4, 99, 99, "2.32.0", "kubernetes"));
        send(ping("dev", 1, 12, 50, 50, "2.34.0-git", "localfs"));
        send(ping("stub", 1, 12, 60, 60, "2.33.0", "stub"));
    }

    private static LocalDate day(int offset) {
        return D0.plusDays(offset);
    }

    private TelemetryPingEvent ping(String instance, int day, int hour, long projects, long devices, String version,
            String driver) {
        TelemetryPing ping = new TelemetryPing(instance, new TelemetryPing.Os("Linux", "6.8.0", "x64"),
                new TelemetryPing.Env("v20.19.4", version),
                new TelemetryPing.Platform(new TelemetryPing.Counts(1L, 1L, projects, null, devices, null, null, null,
                        null, null, null, null, null, null), new TelemetryPing.Config(driver, null, null, null),
                        "b".equals(instance) ? null : new TelemetryPing.License("", "CE")));
        Instant at = day(day).atTime(hour, 0).toInstant(ZoneOffset.UTC);
        return new TelemetryPingEvent(1, UUID.randomUUID().toString(), at, "ping", null, ping, null);
    }

    private void send(TelemetryPingEvent event) {
        sent.add(event);
        publish(event);
    }

    private void publish(TelemetryPingEvent event) {
        try {
            producer.send(new ProducerRecord<>(Topics.TELEMETRY_PINGS_V1, event.ping().instanceId(),
                    EventJson.mapper().writeValueAsString(event))).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private double duplicatesConsumed() {
        return io.micrometer.core.instrument.Metrics.globalRegistry.find("kpi.pings.consumed")
                .tag("outcome", "duplicate").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private Map<LocalDate, List<Long>> daily(boolean includeDev) throws SQLException {
        Map<LocalDate, List<Long>> rows = new java.util.TreeMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT day, installations, hosted_instances, remote_instances, added, removed "
                     + "FROM read_installations_daily WHERE include_dev = " + includeDev)) {
            while (r.next()) {
                rows.put(r.getObject(1, LocalDate.class), List.of(r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5),
                        r.getLong(6)));
            }
        }
        return rows;
    }

    private Map<String, Long> breakdown(LocalDate day, String dimension, boolean includeDev) throws SQLException {
        Map<String, Long> rows = new java.util.TreeMap<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT value, installations FROM read_installations_breakdown WHERE day = '"
                     + day + "' AND dimension = '" + dimension + "' AND include_dev = " + includeDev)) {
            while (r.next()) {
                rows.put(r.getString(1), r.getLong(2));
            }
        }
        return rows;
    }

    private static void assertIdentityHolds(Map<LocalDate, List<Long>> daily) {
        long yesterday = 0;
        for (Map.Entry<LocalDate, List<Long>> e : daily.entrySet()) {
            List<Long> f = e.getValue();
            assertEquals(yesterday + f.get(3) - f.get(4), f.get(0), "identity on " + e.getKey());
            yesterday = f.get(0);
        }
    }

    private List<String> snapshot() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String query : List.of("SELECT * FROM installations_daily ORDER BY day, include_dev",
                    "SELECT * FROM installations_breakdown_daily ORDER BY day, include_dev, dimension, value",
                    "SELECT day, instance_id, event_id FROM installation_day ORDER BY day, instance_id")) {
                try (ResultSet r = s.executeQuery(query)) {
                    int columns = r.getMetaData().getColumnCount();
                    while (r.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            row.append(r.getString(i)).append('|');
                        }
                        rows.add(row.toString());
                    }
                }
            }
        }
        return rows;
    }

    private long count(String table) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void truncateEverything() throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE installation_ping, installation_day, installations_daily, installations_breakdown_daily");
            s.execute("UPDATE view_refresh SET dirty_from = NULL, materialized_from = NULL, materialized_to = NULL, "
                    + "window_days = NULL");
        }
    }
}
