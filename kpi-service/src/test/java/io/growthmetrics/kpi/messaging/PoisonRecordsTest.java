package io.growthmetrics.kpi.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.revenue.ProductCatalogEvent;
import io.growthmetrics.contracts.revenue.SubscriptionEvent;
import io.growthmetrics.contracts.revenue.SubscriptionItem;
import io.growthmetrics.contracts.revenue.SubscriptionSnapshot;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Poison records on every consumed topic, interleaved with good ones, produced as raw bytes straight to the topics
 * (real broker, real PostgreSQL): each poison lands in {@code <topic>.dlq} with its original key, bytes and headers
 * and a reason; every good record reaches the views; no partition is blocked.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class PoisonRecordsTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String MARKER = "poison-test-marker";

    @Inject
    AgroalDataSource db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private KafkaProducer<byte[], byte[]> producer;
    private final String run = UUID.randomUUID().toString();
    /** marker value -> what was sent, and a piece the dead-letter reason must contain ("" = any reason). */
    private final Map<String, Sent> poisons = new HashMap<>();

    private record Sent(String topic, byte[] key, byte[] value, String reasonContains) {
    }

    /** One topic: a good record's JSON with placeholders @TEXT@, @NUMBER@, @DATE@ (raw JSON fragments). */
    private record Topic(String name, IntFunction<String> key, IntFunction<String> template, String goodText,
            String goodNumber, IntFunction<String> goodDate, List<String[]> numberPoisons, List<String[]> datePoisons) {

        String good(int i) {
            return fill(i, goodText, goodNumber, goodDate.apply(i));
        }

        String fill(int i, String text, String number, String date) {
            return template.apply(i).replace("\"@TEXT@\"", text).replace("\"@NUMBER@\"", number)
                    .replace("\"@DATE@\"", date);
        }
    }

    @BeforeEach
    void setUp() throws SQLException {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE installation_ping, installation_day, installations_daily, installations_breakdown_daily, "
                    + "subscription_event, subscription_event_item, revenue_catalog, revenue_product, mrr_daily, "
                    + "mrr_movement, carr_contract, carr_goal, snapshot_day, snapshot_metric");
            s.execute("UPDATE view_refresh SET dirty_from = NULL, materialized_from = NULL, materialized_to = NULL, "
                    + "window_days = NULL, settings = NULL");
        }
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void everyPoisonIsDeadLetteredWithItsOriginalBytesAndEveryGoodRecordReachesTheViews() throws Exception {
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        String hourAgo = "\"" + now.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"";
        List<String[]> instantPoisons = List.of(new String[] {"\"0000-01-01T00:00:00Z\"", "receivedAt"},
                new String[] {"\"+10000-01-01T00:00:00Z\"", ""});
        List<Topic> topics = List.of(
                new Topic(Topics.TELEMETRY_PINGS_V1, i -> "good-ping-" + run + "-" + i, i -> """
                        {"schemaVersion":1,"eventId":"%s","receivedAt":"@DATE@","source":"ping",
                         "ping":{"instanceId":"good-ping-%s-%d","os":{"type":"@TEXT@"},"env":{"flowforge":"2.33.0"},
                         "platform":{"counts":{"users":"@NUMBER@"},"config":{"driver":"docker"}}}}"""
                        .formatted(UUID.randomUUID(), run, i),
                        "\"Linux\"", "5", i -> hourAgo,
                        List.of(new String[] {"3000000000", "platform.counts.users"},
                                new String[] {"-1", "platform.counts.users"}, new String[] {"1e30", ""}),
                        instantPoisons),
                new Topic(Topics.REVENUE_SUBSCRIPTIONS_V1, i -> "sub_" + run + "_" + i, i -> subscription(i),
                        "\"cus_1\"", "1000", i -> hourAgo,
                        List.of(new String[] {"1e40", "monthlyValue"}, new String[] {"1e200000", "out of range"}),
                        List.of(new String[] {"\"0000-01-01T00:00:00Z\"", "eventCreated"},
                                new String[] {"\"+10000-01-01T00:00:00Z\"", ""})),
                new Topic(Topics.REVENUE_PRODUCTS_V1, i -> ProductCatalogEvent.KEY, i -> """
                        {"schemaVersion":1,"publishedAt":"@DATE@","products":[{"productId":"prod_a","name":"@TEXT@"}],
                         "extra":"@NUMBER@"}""",
                        "\"Starter\"", "1", i -> "\"" + now.minus(100 - i, ChronoUnit.SECONDS) + "\"",
                        List.<String[]>of(new String[] {"1e200000", "out of range"}),
                        List.of(new String[] {"\"0000-01-01T00:00:00Z\"", "publishedAt"},
                                new String[] {"\"+10000-01-01T00:00:00Z\"", ""})),
                new Topic(Topics.REVENUE_CONTRACTS_V1, i -> "k-" + run + "-" + i, i -> """
                        {"schemaVersion":1,"eventId":"ce-%s-%d","updatedAt":%s,"contractId":"k-%s-%d",
                         "customer":"@TEXT@","annualValueCents":"@NUMBER@","currency":"usd","status":"signed",
                         "signedDate":"@DATE@"}""".formatted(run, i, hourAgo, run, i),
                        "\"Acme\"", "100", i -> "\"2026-10-01\"",
                        List.of(new String[] {"-1", "annualValueCents"}, new String[] {"1e30", ""}),
                        List.of(new String[] {"\"0000-01-01\"", "signedDate"}, new String[] {"\"+10000-01-01\"", ""})),
                new Topic(Topics.REVENUE_CARR_GOALS_V1, i -> quarter(i), i -> """
                        {"schemaVersion":1,"eventId":"@TEXT@","updatedAt":"@DATE@","quarter":"%s","currency":"usd",
                         "goalCents":"@NUMBER@"}""".formatted(quarter(i)),
                        "\"g-" + run + "\"", "500", i -> hourAgo,
                        List.of(new String[] {"-5", "goalCents"}, new String[] {"1e30", ""}), instantPoisons.subList(1, 2)),
                new Topic(Topics.SNAPSHOTS_DAILY_V1, i -> day(today, i), i -> """
                        {"schemaVersion":1,"date":"@DATE@","metrics":{"good":"@NUMBER@"},
                         "failures":[{"source":"@TEXT@","error":"none"}]}""",
                        "\"platform\"", "7", i -> "\"" + day(today, i) + "\"",
                        List.of(), // a bad series is left out, not dead-lettered: SnapshotConsumersTest
                        List.of(new String[] {"\"0000-01-01\"", "date"}, new String[] {"\"+10000-01-01\"", ""},
                                new String[] {"\"9999-12-31\"", "date"})));

        Map<String, Integer> goods = new HashMap<>();
        for (Topic topic : topics) {
            int i = 0;
            sendGood(topic, i++);
            List<Object[]> poisonValues = new ArrayList<>();
            poisonValues.add(new Object[] {topic.fill(i, "\"a\\u0000b\"", topic.goodNumber(), topic.goodDate().apply(i)), "NUL"});
            poisonValues.add(new Object[] {topic.fill(i, "\"a\\ud800b\"", topic.goodNumber(), topic.goodDate().apply(i)), "surrogate"});
            poisonValues.add(new Object[] {topic.fill(i, "\"" + "x".repeat(100_000) + "\"", topic.goodNumber(),
                    topic.goodDate().apply(i)), "longer than"});
            for (String[] n : topic.numberPoisons()) {
                poisonValues.add(new Object[] {topic.fill(i, topic.goodText(), n[0], topic.goodDate().apply(i)), n[1]});
            }
            for (String[] d : topic.datePoisons()) {
                poisonValues.add(new Object[] {topic.fill(i, topic.goodText(), topic.goodNumber(), d[0]), d[1]});
            }
            poisonValues.add(new Object[] {"{not json", "not a"});
            poisonValues.add(new Object[] {new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', '}'}, "not UTF-8"});
            poisonValues.add(new Object[] {topic.good(i).replaceFirst("\"schemaVersion\":1", "\"schemaVersion\":2"),
                    "unsupported schemaVersion 2"});
            poisonValues.add(new Object[] {topic.good(i).replaceFirst("\"schemaVersion\":1", "\"schemaVersion\":\"1\""),
                    "schemaVersion is not an integer"});
            poisonValues.add(new Object[] {"[]", "not a JSON object"});
            for (Object[] poison : poisonValues) {
                byte[] bytes = poison[0] instanceof byte[] b ? b : ((String) poison[0]).getBytes(StandardCharsets.UTF_8);
                send(topic.name(), topic.key().apply(i), bytes, (String) poison[1]);
                sendGood(topic, i++); // a good one after each poison
            }
            goods.put(topic.name(), i);
        }
        // The issue's case, produced straight to the topic: then a good ping is counted.
        send(Topics.TELEMETRY_PINGS_V1, "x", "{\"instanceId\":\"x\",\"note\":\"a\\u0000b\"}".getBytes(StandardCharsets.UTF_8),
                "");
        String lastPing = "last-" + run;
        send(Topics.TELEMETRY_PINGS_V1, lastPing, """
                {"schemaVersion":1,"eventId":"%s","receivedAt":%s,"source":"ping",
                 "ping":{"instanceId":"%s","env":{"flowforge":"2.33.0"},"platform":{"config":{"driver":"docker"}}}}"""
                .formatted(UUID.randomUUID(), hourAgo, lastPing).getBytes(StandardCharsets.UTF_8), null);

        assertDeadLettered(topics);

        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals(goods.get(Topics.TELEMETRY_PINGS_V1).longValue() + 1, single("SELECT installations FROM read_installations_daily WHERE include_dev = true "
                    + "AND day = '" + today + "'"), "every good ping, the one after the issue's case included");
            assertEquals(goods.get(Topics.REVENUE_SUBSCRIPTIONS_V1).longValue(), single("SELECT count(*) FROM subscription_event"));
            assertEquals(goods.get(Topics.REVENUE_SUBSCRIPTIONS_V1).longValue(), single("SELECT coalesce(sum(subscriptions), 0) FROM read_mrr_daily WHERE day = '"
                    + today + "' AND product_id = 'prod_a'"), "every good subscription counts in MRR");
            assertEquals(List.of("prod_a|Starter"), rows("SELECT product_id, name FROM read_revenue_products"));
            assertEquals(goods.get(Topics.REVENUE_CONTRACTS_V1).longValue(),
                    single("SELECT count(*) FROM read_carr_contracts WHERE customer = 'Acme'"));
            assertEquals(goods.get(Topics.REVENUE_CARR_GOALS_V1).longValue(), single("SELECT count(*) FROM read_carr_goals"));
            assertEquals(goods.get(Topics.SNAPSHOTS_DAILY_V1).longValue(), single("SELECT count(*) FROM read_snapshot_metrics WHERE name = 'good' AND value = 7"));
        });
    }

    /**
     * A record the rules let through but the store refuses (a ping without {@code source}: NOT NULL) is found by splitting its batch: it alone is dead-lettered, its neighbours stored.
     */
    @Test
    void aRecordTheDatabaseRefusesIsIsolatedByBisectionAndTheRestOfItsBatchStored() throws Exception {
        String hourAgo = "\"" + Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"";
        String template = """
                {"schemaVersion":1,"eventId":"%s","receivedAt":%s,%s"ping":{"instanceId":"%s"}}""";
        List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String instance = "bisect-" + run + "-" + i;
            String value = template.formatted(UUID.randomUUID(), hourAgo, i == 17 ? "" : "\"source\":\"ping\",", instance);
            batch.add(new ProducerRecord<>(Topics.TELEMETRY_PINGS_V1, bytes(instance), bytes(value)));
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(MARKER, bytes(run + "-bisect"));
        ProducerRecord<byte[], byte[]> bad = batch.get(17);
        batch.set(17, new ProducerRecord<>(bad.topic(), null, bad.key(), bad.value(), headers));
        // Refused by Hibernate's not-null check or by PostgreSQL (23502): either way the reason names the column.
        poisons.put(run + "-bisect", new Sent(bad.topic(), bad.key(), bad.value(), "source"));
        batch.forEach(producer::send); // all at once: most likely one poll, one batch
        producer.flush();

        assertDeadLettered(List.of(new Topic(Topics.TELEMETRY_PINGS_V1, null, null, null, null, null, null, null)));
        await().atMost(WAIT).until(() -> single("SELECT count(*) FROM installation_ping WHERE instance_id LIKE 'bisect-"
                + run + "-%'") == 39);
    }

    // --- helpers ---

    private String subscription(int i) {
        SubscriptionEvent event = new SubscriptionEvent(1, "evt_" + run + "_" + i, "customer.subscription.created",
                Instant.EPOCH, "webhook", false, new SubscriptionSnapshot("sub_" + run + "_" + i, "cus_" + i, "active",
                "usd", false, null, null, false, List.of(new SubscriptionItem("si_" + i, "price_1", "prod_a", 1,
                "month", 1, "licensed", new BigDecimal("1000"), new BigDecimal("1000"), BigDecimal.ONE))));
        ObjectNode tree = EventJson.mapper().valueToTree(event);
        tree.put("eventCreated", "@DATE@");
        ObjectNode subscription = (ObjectNode) tree.get("subscription");
        subscription.put("customerId", "@TEXT@");
        ((ObjectNode) subscription.get("items").get(0)).put("monthlyValue", "@NUMBER@");
        return tree.toString();
    }

    private static String quarter(int i) {
        return (2030 + i / 4) + "-Q" + (i % 4 + 1);
    }

    private static String day(LocalDate today, int i) {
        return today.minusDays(1 + i).toString();
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private void sendGood(Topic topic, int i) {
        send(topic.name(), topic.key().apply(i), bytes(topic.good(i)), null);
    }

    private void send(String topic, String key, byte[] value, String reasonContains) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("origin", bytes("poison-records-test"));
        if (reasonContains != null) {
            String marker = run + "-" + poisons.size();
            headers.add(MARKER, bytes(marker));
            poisons.put(marker, new Sent(topic, bytes(key), value, reasonContains));
        }
        try {
            producer.send(new ProducerRecord<>(topic, null, bytes(key), value, headers)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every poison sent is in its topic's dead-letter topic, unchanged, with the reason and where it came from. */
    private void assertDeadLettered(List<Topic> topics) {
        Map<String, ConsumerRecord<byte[], byte[]>> found = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            consumer.subscribe(topics.stream().map(t -> t.name() + ".dlq").distinct().toList());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!found.keySet().containsAll(poisons.keySet()) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Header marker = r.headers().lastHeader(MARKER);
                    if (marker != null) {
                        found.put(new String(marker.value(), StandardCharsets.UTF_8), r);
                    }
                }
            }
        }
        List<String> missing = poisons.keySet().stream().filter(k -> !found.containsKey(k)).sorted().toList();
        assertTrue(missing.isEmpty(), "not dead-lettered: " + missing.stream()
                .map(k -> poisons.get(k).topic() + ": " + abbreviate(poisons.get(k).value())).toList());
        for (Map.Entry<String, Sent> poison : poisons.entrySet()) {
            Sent sent = poison.getValue();
            ConsumerRecord<byte[], byte[]> dead = found.get(poison.getKey());
            String what = sent.topic() + ": " + abbreviate(sent.value());
            assertEquals(sent.topic() + ".dlq", dead.topic(), what);
            assertArrayEquals(sent.value(), dead.value(), "the original bytes: " + what);
            assertArrayEquals(sent.key(), dead.key(), "the original key: " + what);
            assertEquals(sent.topic(), header(dead, "dead-letter-topic"), what);
            assertNotNull(header(dead, "dead-letter-partition"), what);
            assertTrue(Long.parseLong(header(dead, "dead-letter-offset")) >= 0, what);
            String reason = header(dead, "dead-letter-reason");
            assertFalse(reason == null || reason.isBlank(), what);
            assertTrue(reason.contains(sent.reasonContains()), "reason '" + reason + "' for " + what + " should contain '"
                    + sent.reasonContains() + "'");
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static String abbreviate(byte[] value) {
        String s = new String(value, StandardCharsets.UTF_8);
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    private long single(String query) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            return r.next() ? r.getLong(1) : 0;
        }
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
