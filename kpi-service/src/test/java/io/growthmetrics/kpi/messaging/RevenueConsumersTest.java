package io.growthmetrics.kpi.messaging;

import io.agroal.api.AgroalDataSource;
import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.revenue.CarrGoalEvent;
import io.growthmetrics.contracts.revenue.ContractEvent;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** From the revenue topics to the revenue tables and read views, with a real broker and the machine's PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class RevenueConsumersTest {

    /** Days relative to a start ten days ago, so the views (materialized up to today) stay small. */
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final LocalDate D0 = TODAY.minusDays(10);
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    AgroalDataSource db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void emptyRevenueTables() throws SQLException {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        truncateRevenue();
    }

    @AfterEach
    void close() {
        producer.close();
    }

    // --- subscriptions into daily MRR and movements ---

    @Test
    void dailyMrrPerProductAndCurrencyAcrossADayBoundaryWithTheMovements() throws Exception {
        publish(catalog(Instant.now(), "prod_a", "Starter", "prod_b", "Pro"));
        scenario().forEach(this::publish);

        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals(List.of("usd|prod_a|1000.5|1"), daily(0), "an out-of-scope item adds nothing");
            assertEquals(List.of("eur|prod_a|500|1", "usd|prod_a|1000.5|1"), daily(1), "currencies apart; a trial is 0");
            assertEquals(List.of("eur|prod_a|500|1", "usd|prod_a|2000|1"), daily(2), "23:59:59 is still day 2");
            assertEquals(List.of("eur|prod_a|500|1", "usd|prod_a|3000|1", "usd|prod_b|100|1"), daily(3), "00:00 is day 3");
            assertEquals(List.of("eur|prod_a|500|1", "usd|prod_a|3000|1", "usd|prod_b|1000.3333333333|2"), daily(4),
                    "exact decimals");
            assertEquals(List.of("usd|prod_a|3000|1", "usd|prod_b|1000.3333333333|2"), daily(5));
            assertEquals(daily(5), rows("SELECT currency, product_id, mrr_cents, subscriptions FROM read_mrr_daily "
                    + "WHERE day = '" + TODAY + "' ORDER BY currency, product_id"), "materialized up to today");
        });
        assertEquals(List.of(
                day(0) + "|usd|cus_1|new|1000.5",
                day(1) + "|eur|cus_2|new|500",
                day(2) + "|usd|cus_1|expansion|999.5",
                day(3) + "|usd|cus_1|expansion|1100",
                day(4) + "|usd|cus_3|new|900.3333333333",
                day(5) + "|eur|cus_2|churn|-500"), movements());
        assertEquals(List.of("prod_a|Starter", "prod_b|Pro"),
                rows("SELECT product_id, name FROM read_revenue_products ORDER BY product_id"));
        assertEquals(List.of("7|9"), rows("SELECT (SELECT count(*) FROM subscription_event), "
                + "(SELECT count(*) FROM subscription_event_item)"), "every event and item stored");
        assertEquals(List.of("eur|f", "eur|t"), rows("SELECT currency, cancel_at_period_end FROM subscription_event "
                + "WHERE subscription_id = 'sub_2' ORDER BY event_created"), "EUR as sent, kept lower case");
    }

    @Test
    void aRepeatedEventChangesNothingAndAnyOrderOfArrivalGivesTheSameTables() throws Exception {
        List<SubscriptionEvent> events = new ArrayList<>(scenario());
        events.addAll(openingBalanceScenario());
        ProductCatalogEvent catalog = catalog(Instant.now(), "prod_a", "Starter", "prod_b", "Pro");
        publish(catalog);
        events.forEach(this::publish);
        awaitSettled(events.size(), 2);
        List<String> tables = snapshot();
        assertTrue(tables.size() > 20, tables.toString());

        double duplicatesBefore = duplicatesConsumed();
        events.forEach(this::publish);
        publish(catalog);
        await().atMost(WAIT).until(() -> duplicatesConsumed() >= duplicatesBefore + events.size());
        Thread.sleep(1500); // a refresh interval or two: nothing more is pending
        assertEquals(events.size(), count("subscription_event"));
        assertEquals(tables, snapshot());

        // Replay from scratch: empty tables, the same events in another order, the catalog last.
        truncateRevenue();
        List<SubscriptionEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(11));
        shuffled.forEach(this::publish);
        publish(catalog);
        awaitSettled(events.size(), 2);
        await().atMost(WAIT).untilAsserted(() -> assertEquals(tables, snapshot()));
    }

    @Test
    void aDeletionIsTerminalEvenWhenALaterCreatedEventArrivesAfterIt() throws Exception {
        publish(catalog(Instant.now(), "prod_a", "Starter"));
        // Arrival order: the deletion first, then a later-created update, then the creation.
        publish(sub("evt_d_deleted", "sub_d", "cus_d", at(3, 10)).deleted().build());
        publish(sub("evt_d_later", "sub_d", "cus_d", at(5, 10)).item("prod_a", "999").build());
        publish(sub("evt_d_created", "sub_d", "cus_d", at(1, 10)).created().item("prod_a", "100").build());

        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals(List.of("usd|prod_a|100|1"), daily(2));
            assertEquals(List.of(), daily(3), "deleted on day 3");
            assertEquals(List.of(), daily(6), "the update created after the deletion does not revive it");
            assertEquals(List.of(day(1) + "|usd|cus_d|new|100", day(3) + "|usd|cus_d|churn|-100"), movements());
        });
    }

    @Test
    void aCatalogChangeReScopesTheWholeHistoryAndAnOlderCatalogIsIgnored() throws Exception {
        Instant published = Instant.now().minusSeconds(3600);
        publish(catalog(published, "prod_a", "Starter"));
        publish(sub("evt_c1", "sub_c1", "cus_c1", at(0, 10)).created().item("prod_a", "100").item("prod_b", "50").build());
        publish(sub("evt_c2", "sub_c2", "cus_c2", at(2, 10)).created().item("prod_b", "70").build());
        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals(List.of("usd|prod_a|100|1"), daily(0));
            assertEquals(List.of("usd|prod_a|100|1"), daily(2));
            assertEquals(List.of(day(0) + "|usd|cus_c1|new|100"), movements());
        });

        publish(catalog(published.plusSeconds(60), "prod_a", "Starter", "prod_b", "Pro"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals(List.of("usd|prod_a|100|1", "usd|prod_b|50|1"), daily(0), "history re-scoped");
            assertEquals(List.of("usd|prod_a|100|1", "usd|prod_b|120|2"), daily(2));
            assertEquals(List.of(day(0) + "|usd|cus_c1|new|150", day(2) + "|usd|cus_c2|new|70"), movements());
            assertEquals(List.of("prod_a|Starter", "prod_b|Pro"),
                    rows("SELECT product_id, name FROM read_revenue_products ORDER BY product_id"));
        });

        double before = catalogsIgnored();
        publish(catalog(published.minusSeconds(60), "prod_z", "Old"));
        await().atMost(WAIT).until(() -> catalogsIgnored() > before);
        Thread.sleep(1000);
        assertEquals(List.of("prod_a|Starter", "prod_b|Pro"),
                rows("SELECT product_id, name FROM read_revenue_products ORDER BY product_id"));
        assertEquals(List.of("usd|prod_a|100|1", "usd|prod_b|120|2"), daily(2));
    }

    @Test
    void aSubscriptionFirstSeenInABackfillIsTheOpeningBalanceThenMovesAsUsual() throws Exception {
        publish(catalog(Instant.now(), "prod_a", "Starter", "prod_b", "Pro"));
        openingBalanceScenario().forEach(this::publish);
        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals(List.of("usd|prod_a|340|3"), daily(0));
            assertEquals(List.of(
                    day(0) + "|usd|cus_o2|new|40",
                    day(2) + "|usd|cus_o1|expansion|50",
                    day(3) + "|usd|cus_o1|churn|-150",
                    day(3) + "|usd|cus_o3|new|70",
                    day(5) + "|usd|cus_o1|reactivation|80"), movements());
        });
    }

    // --- CARR ---

    @Test
    void contractsAndGoalsKeepTheirLatestStateWhateverTheOrder() throws Exception {
        Instant t = Instant.parse("2026-09-01T10:00:00Z");
        ContractEvent pipeline = new ContractEvent(1, "ce-1", t, "k-1", "Acme", 120_000_00L, "USD", "pipeline",
                null, LocalDate.parse("2026-11-15"), null);
        ContractEvent signed = new ContractEvent(1, "ce-2", t.plusSeconds(86_400), "k-1", "Acme", 150_000_00L, "usd",
                "signed", LocalDate.parse("2026-10-02"), null, LocalDate.parse("2026-11-01"));
        ContractEvent tieLow = new ContractEvent(1, "ce-a", t, "k-2", "Globex", 10_00L, "eur", "pipeline",
                null, LocalDate.parse("2026-12-01"), null);
        ContractEvent tieHigh = new ContractEvent(1, "ce-b", t, "k-2", "Globex", 20_00L, "eur", "pipeline",
                null, LocalDate.parse("2026-12-20"), null);
        // The later state first, the earlier after it; the tie's winner first.
        publish(signed);
        publish(tieHigh);
        publish(pipeline);
        publish(tieLow);
        publish(signed);

        CarrGoalEvent goal = new CarrGoalEvent(1, "g-2", t.plusSeconds(60), "2026-Q4", "usd", 500_000_00L);
        CarrGoalEvent olderGoal = new CarrGoalEvent(1, "g-1", t, "2026-Q4", "usd", 400_000_00L);
        CarrGoalEvent otherQuarter = new CarrGoalEvent(1, "g-3", t, "2027-Q1", "USD", 600_000_00L);
        publish(goal);
        publish(olderGoal);
        publish(otherQuarter);

        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals(List.of(
                    "k-1|Acme|15000000|usd|signed|2026-10-02|null|2026-11-01",
                    "k-2|Globex|2000|eur|pipeline|null|2026-12-20|null"),
                    rows("SELECT contract_id, customer, annual_value_cents, currency, status, signed_date, "
                            + "expected_close_date, start_date FROM read_carr_contracts ORDER BY contract_id"));
            assertEquals(List.of("2026-Q4|usd|50000000", "2027-Q1|usd|60000000"),
                    rows("SELECT quarter, currency, goal_cents FROM read_carr_goals ORDER BY quarter"));
        });
        assertEquals(List.of("k-1|ce-2", "k-2|ce-b"), rows("SELECT contract_id, event_id FROM carr_contract ORDER BY 1"));
    }

    // --- dead letters ---

    @Test
    void unprocessableRecordsGoToTheirDeadLetterTopicWithTheReasonAndConsumptionGoesOn() throws Exception {
        String marker = UUID.randomUUID().toString();
        String subscriptions = Topics.REVENUE_SUBSCRIPTIONS_V1;
        send(subscriptions, "sub_x", "{not json " + marker);
        send(subscriptions, "sub_x", json(new SubscriptionEvent(2, "evt_v2_" + marker, "customer.subscription.updated",
                at(1, 0), "webhook", false, snapshot("sub_x", "cus_x", "active", "usd", List.of()))));
        send(subscriptions, "sub_x", json(new SubscriptionEvent(1, "evt_nocus_" + marker, "customer.subscription.updated",
                at(1, 0), "webhook", false, snapshot("sub_x", null, "active", "usd", List.of()))));
        send(subscriptions, "sub_x", json(sub("evt_nomv_" + marker, "sub_x", "cus_x", at(1, 0)).build())
                .replace("\"monthlyValue\":10", "\"monthlyValue\":null"));
        send(Topics.REVENUE_PRODUCTS_V1, ProductCatalogEvent.KEY, "[\"" + marker + "\"]");
        send(Topics.REVENUE_CONTRACTS_V1, "k-x", json(new ContractEvent(1, "ce-" + marker, Instant.now(), "k-x", "X",
                1, "usd", "won", null, null, null)));
        send(Topics.REVENUE_CARR_GOALS_V1, "2026-Q5", json(new CarrGoalEvent(1, "g-" + marker, Instant.now(),
                "2026-Q5", "usd", 1)));
        // Then good records on every topic: consumption goes on.
        publish(catalog(Instant.now(), "prod_a", "Starter"));
        publish(sub("evt_good", "sub_good", "cus_good", at(1, 0)).created().item("prod_a", "10").build());
        publish(new ContractEvent(1, "ce-good", Instant.now(), "k-good", "Good", 1, "usd", "signed",
                LocalDate.parse("2026-10-01"), null, null));
        publish(new CarrGoalEvent(1, "g-good", Instant.now(), "2026-Q4", "usd", 1));

        Map<String, String> reasons = deadLetters(marker, 7);
        assertEquals(7, reasons.size(), reasons.toString());
        assertTrue(reasons.get(subscriptions + "|0").startsWith("not a subscription event: "), reasons.toString());
        assertEquals("unsupported schemaVersion 2 (this consumer reads 1)", reasons.get(subscriptions + "|1"));
        assertEquals("'subscription.customerId' is required", reasons.get(subscriptions + "|2"));
        assertEquals("'subscription.items[0].monthlyValue' is required", reasons.get(subscriptions + "|3"));
        assertTrue(reasons.get(Topics.REVENUE_PRODUCTS_V1 + "|0").startsWith("not a product catalog event: "),
                reasons.toString());
        assertEquals("'status' must be signed or pipeline", reasons.get(Topics.REVENUE_CONTRACTS_V1 + "|0"));
        assertEquals("'quarter' must look like 2026-Q4 (a year, -Q, and 1 to 4)",
                reasons.get(Topics.REVENUE_CARR_GOALS_V1 + "|0"));

        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals(List.of("usd|prod_a|10|1"), daily(1));
            assertEquals(List.of("k-good"), rows("SELECT contract_id FROM carr_contract"));
            assertEquals(List.of("2026-Q4"), rows("SELECT quarter FROM carr_goal"));
            assertEquals(1, count("subscription_event"));
        });
    }

    @Test
    void readinessCoversTheRevenueChannels() {
        await().atMost(WAIT).untilAsserted(() -> {
            String body = io.restassured.RestAssured.get("/q/health/ready").then().statusCode(200).extract().asString();
            for (String channel : List.of("revenue-subscriptions", "revenue-products", "revenue-contracts",
                    "revenue-carr-goals")) {
                assertTrue(body.contains(channel), channel + " in " + body);
            }
        });
    }

    // --- scenarios ---

    /**
     * sub_1 (cus_1, usd): created day 0 with an out-of-scope item, updated at 23:59:59 on day 2 and at 00:00 on day 3.
     * sub_2 (cus_2, EUR as sent): created day 1, cancel_at_period_end day 5. sub_3 (cus_3): a trial on day 1, active
     * on day 4, worth 900.3333333333 (exact).
     */
    private static List<SubscriptionEvent> scenario() {
        return List.of(
                sub("evt_s1_created", "sub_1", "cus_1", at(0, 10)).created().item("prod_a", "1000.50")
                        .item("prod_x", "700").build(),
                sub("evt_s1_u1", "sub_1", "cus_1", at(2, 23, 59, 59)).item("prod_a", "2000").build(),
                sub("evt_s1_u2", "sub_1", "cus_1", at(3, 0, 0, 0)).item("prod_a", "3000").item("prod_b", "100").build(),
                sub("evt_s2_created", "sub_2", "cus_2", at(1, 8)).currency("EUR").created().item("prod_a", "500").build(),
                sub("evt_s2_cancel", "sub_2", "cus_2", at(5, 8)).currency("eur").cancelAtPeriodEnd()
                        .item("prod_a", "500").build(),
                sub("evt_s3_trial", "sub_3", "cus_3", at(1, 9)).created().status("trialing").item("prod_b", "900").build(),
                sub("evt_s3_active", "sub_3", "cus_3", at(4, 9)).item("prod_b", "900.3333333333").build());
    }

    /**
     * cus_o1: sub_o1 first seen in a backfill on day 0 (opening balance), up on day 2, deleted day 3; a new
     * subscription on day 5 (reactivation). cus_o2: a webhook-created subscription on day 0 (new). cus_o3: trialing
     * at the backfill, active on day 3 (new). sub_o4 of cus_o2 is backfilled but only has an out-of-scope item.
     */
    private static List<SubscriptionEvent> openingBalanceScenario() {
        return List.of(
                sub("backfill:sub_o1:1", "sub_o1", "cus_o1", at(0, 12)).backfill().item("prod_a", "100").build(),
                sub("evt_o1_up", "sub_o1", "cus_o1", at(2, 12)).item("prod_a", "150").build(),
                sub("evt_o1_deleted", "sub_o1", null, at(3, 12)).deleted().build(), // a deletion needs no customer
                sub("evt_o1_new", "sub_o5", "cus_o1", at(5, 12)).created().item("prod_a", "80").build(),
                sub("evt_o2_created", "sub_o2", "cus_o2", at(0, 13)).created().item("prod_a", "40").build(),
                sub("backfill:sub_o3:1", "sub_o3", "cus_o3", at(0, 12)).backfill().status("trialing")
                        .item("prod_a", "70").build(),
                sub("evt_o3_active", "sub_o3", "cus_o3", at(3, 1)).item("prod_a", "70").build(),
                sub("backfill:sub_o4:1", "sub_o4", "cus_o2", at(0, 12)).backfill().item("prod_x", "1000").build(),
                sub("backfill:sub_o6:1", "sub_o6", "cus_o6", at(0, 12)).backfill().item("prod_a", "200").build());
    }

    // --- builders ---

    private static Instant at(int day, int hour) {
        return at(day, hour, 0, 0);
    }

    private static Instant at(int day, int hour, int minute, int second) {
        return day(day).atTime(hour, minute, second).toInstant(ZoneOffset.UTC);
    }

    private static LocalDate day(int offset) {
        return D0.plusDays(offset);
    }

    private static SubscriptionSnapshot snapshot(String id, String customer, String status, String currency,
            List<SubscriptionItem> items) {
        return new SubscriptionSnapshot(id, customer, status, currency, false, null, null, false, items);
    }

    private static ProductCatalogEvent catalog(Instant publishedAt, String... idsAndNames) {
        List<ProductCatalogEvent.Product> products = new ArrayList<>();
        for (int i = 0; i < idsAndNames.length; i += 2) {
            products.add(new ProductCatalogEvent.Product(idsAndNames[i], idsAndNames[i + 1]));
        }
        return new ProductCatalogEvent(1, publishedAt, products);
    }

    private static S sub(String eventId, String subscriptionId, String customerId, Instant created) {
        return new S(eventId, subscriptionId, customerId, created);
    }

    /** A subscription event as revenue-service publishes it. */
    private static final class S {
        private final String eventId;
        private final String subscriptionId;
        private final String customerId;
        private final Instant created;
        private String type = "customer.subscription.updated";
        private String source = SubscriptionEvent.SOURCE_WEBHOOK;
        private boolean deleted;
        private String status = "active";
        private String currency = "usd";
        private boolean cancelAtPeriodEnd;
        private final List<SubscriptionItem> items = new ArrayList<>();

        S(String eventId, String subscriptionId, String customerId, Instant created) {
            this.eventId = eventId;
            this.subscriptionId = subscriptionId;
            this.customerId = customerId;
            this.created = created;
        }

        S created() {
            type = "customer.subscription.created";
            return this;
        }

        S backfill() {
            type = SubscriptionEvent.TYPE_BACKFILL;
            source = SubscriptionEvent.SOURCE_BACKFILL;
            return this;
        }

        S deleted() {
            type = "customer.subscription.deleted";
            deleted = true;
            status = "canceled";
            return this;
        }

        S status(String value) {
            status = value;
            return this;
        }

        S currency(String value) {
            currency = value;
            return this;
        }

        S cancelAtPeriodEnd() {
            cancelAtPeriodEnd = true;
            return this;
        }

        S item(String productId, String monthlyValue) {
            BigDecimal value = new BigDecimal(monthlyValue);
            items.add(new SubscriptionItem("si_" + items.size(), "price_" + productId, productId, 1, "month", 1,
                    "licensed", value, value, value));
            return this;
        }

        SubscriptionEvent build() {
            if (items.isEmpty() && !deleted) {
                item("prod_a", "10");
            }
            return new SubscriptionEvent(1, eventId, type, created, source, deleted,
                    new SubscriptionSnapshot(subscriptionId, customerId, status, currency, cancelAtPeriodEnd, null,
                            deleted ? created : null, false, items));
        }
    }

    // --- Kafka ---

    private void publish(SubscriptionEvent event) {
        send(Topics.REVENUE_SUBSCRIPTIONS_V1, event.subscription().id(), json(event));
    }

    private void publish(ProductCatalogEvent event) {
        send(Topics.REVENUE_PRODUCTS_V1, ProductCatalogEvent.KEY, json(event));
    }

    private void publish(ContractEvent event) {
        send(Topics.REVENUE_CONTRACTS_V1, event.contractId(), json(event));
    }

    private void publish(CarrGoalEvent event) {
        send(Topics.REVENUE_CARR_GOALS_V1, event.quarter(), json(event));
    }

    private void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String json(Object event) {
        try {
            return EventJson.mapper().writeValueAsString(event);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Reasons of the dead letters whose value contains the marker, by "topic|index in the topic". */
    private Map<String, String> deadLetters(String marker, int expected) {
        Map<String, String> reasons = new TreeMap<>();
        Map<String, Integer> perTopic = new TreeMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(Topics.REVENUE_SUBSCRIPTIONS_V1 + ".dlq", Topics.REVENUE_PRODUCTS_V1 + ".dlq",
                    Topics.REVENUE_CONTRACTS_V1 + ".dlq", Topics.REVENUE_CARR_GOALS_V1 + ".dlq"));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (reasons.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() != null && r.value().contains(marker)) {
                        String topic = new String(r.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8);
                        assertEquals(topic + ".dlq", r.topic());
                        int index = perTopic.merge(topic, 1, Integer::sum) - 1;
                        reasons.put(topic + "|" + index,
                                new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return reasons;
    }

    private double duplicatesConsumed() {
        return io.micrometer.core.instrument.Metrics.globalRegistry.find("kpi.revenue.consumed")
                .tag("topic", Topics.REVENUE_SUBSCRIPTIONS_V1).tag("outcome", "duplicate")
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private double catalogsIgnored() {
        return io.micrometer.core.instrument.Metrics.globalRegistry.find("kpi.revenue.consumed")
                .tag("topic", Topics.REVENUE_PRODUCTS_V1).tag("outcome", "duplicate")
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    // --- database ---

    /** Every event stored, the catalog in place, and a refresh done since: the tables are final. */
    private void awaitSettled(int events, int products) {
        await().atMost(WAIT).until(() -> count("subscription_event") == events
                && count("revenue_product") == products
                && rows("SELECT dirty_from, materialized_to FROM view_refresh WHERE view_name = 'revenue'")
                        .equals(List.of("null|" + TODAY)));
    }

    private List<String> daily(int day) throws SQLException {
        return rows("SELECT currency, product_id, mrr_cents, subscriptions FROM read_mrr_daily WHERE day = '" + day(day)
                + "' ORDER BY currency, product_id");
    }

    private List<String> movements() throws SQLException {
        return rows("SELECT day, currency, customer_id, type, delta_cents FROM read_mrr_movements "
                + "ORDER BY day, currency, customer_id");
    }

    private List<String> snapshot() throws SQLException {
        List<String> all = new ArrayList<>(rows("SELECT * FROM mrr_daily ORDER BY day, currency, product_id"));
        all.addAll(rows("SELECT * FROM mrr_movement ORDER BY day, currency, customer_id"));
        all.addAll(rows("SELECT * FROM revenue_product ORDER BY product_id"));
        return all;
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

    private long count(String table) throws SQLException {
        return Long.parseLong(rows("SELECT count(*) FROM " + table).get(0));
    }

    /**
     * Empties the revenue tables, then resets the bookkeeping in a transaction of its own: holding the truncated
     * tables while waiting for the {@code view_refresh} row a refresh holds (while it waits for those tables) would
     * deadlock. Should a consumer still be busy, PostgreSQL may pick this statement as a deadlock victim: again.
     */
    private void truncateRevenue() throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("TRUNCATE subscription_event, subscription_event_item, revenue_catalog, revenue_product, "
                        + "mrr_daily, mrr_movement, carr_contract, carr_goal");
                s.execute("UPDATE view_refresh SET dirty_from = NULL, materialized_from = NULL, materialized_to = NULL, "
                        + "settings = NULL WHERE view_name = 'revenue'");
                return;
            } catch (SQLException e) {
                if (attempt == 3 || !"40P01".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }
}
