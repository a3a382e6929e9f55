package io.growthmetrics.kpi.view;

import io.agroal.api.AgroalDataSource;
import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.revenue.CarrGoalEvent;
import io.growthmetrics.contracts.revenue.ContractEvent;
import io.growthmetrics.contracts.telemetry.TelemetryPing;
import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;
import io.growthmetrics.kpi.domain.kpi.Weeks;
import io.growthmetrics.kpi.view.kpi.KpiRefresher;
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

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The KPIs from their inputs on the real broker to {@code read_kpi_weekly}: pings (NR active instances), published
 * figures (MQLs and a KPI defined only in configuration), merged pull requests, contracts and goals (CARR).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class KpiViewsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final LocalDate WEEK = Weeks.monday(TODAY);
    private static final LocalDate LAST_WEEK = WEEK.minusWeeks(1);

    @Inject
    AgroalDataSource db;

    @Inject
    KpiRefresher refresher;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private KafkaProducer<String, String> producer;

    @BeforeEach
    void emptyInputs() throws SQLException {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE kpi_observation, merged_pull_request, kpi_weekly, carr_contract, carr_goal, "
                    + "installation_ping, installation_day, installations_daily, installations_breakdown_daily");
            s.execute("UPDATE view_refresh SET dirty_from = NULL, materialized_from = NULL, materialized_to = NULL, "
                    + "window_days = NULL WHERE view_name = 'installations'");
        }
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void everyKindOfInputBecomesWeeklyFiguresWithTargets() throws Throwable {
        // NR active instances: one installation, 2 + 3 instances last week, 4 + 7 this week
        send(Topics.TELEMETRY_PINGS_V1, "inst-a", ping("inst-a", LAST_WEEK, 2, 3));
        send(Topics.TELEMETRY_PINGS_V1, "inst-a", ping("inst-a", WEEK, 4, 7));
        // MQLs: a whole-week figure last week; this week two moments of one source (the second replaces the first)
        // and one of another source
        send(Topics.KPI_OBSERVATIONS_V1, "mqls", observation("mqls", 40, "\"period\":\"" + Weeks.label(LAST_WEEK) + "\"",
                "hubspot"));
        String moment = "\"observedAt\":\"" + WEEK.atTime(9, 0).toInstant(ZoneOffset.UTC) + "\"";
        send(Topics.KPI_OBSERVATIONS_V1, "mqls", observation("mqls", 20, moment, "hubspot"));
        send(Topics.KPI_OBSERVATIONS_V1, "mqls", observation("mqls", 21, moment, "hubspot"));
        send(Topics.KPI_OBSERVATIONS_V1, "mqls", observation("mqls", 30, moment, "events"));
        // trials: defined only in the test configuration, goal 3 a week
        send(Topics.KPI_OBSERVATIONS_V1, "trials", observation("trials", 2, "\"period\":\"" + Weeks.label(WEEK) + "\"",
                "crm"));
        // pull requests: #1 this week (redelivered with other casing and a later time), #2 last week (twice)
        send(Topics.ENGINEERING_PULL_REQUESTS_V1, "flowfuse/flowfuse#1", pr("FlowFuse/flowfuse", 1, WEEK, "d1"));
        send(Topics.ENGINEERING_PULL_REQUESTS_V1, "flowfuse/flowfuse#1", pr("flowfuse/FlowFuse", 1, WEEK.plusDays(0),
                "d1-again"));
        send(Topics.ENGINEERING_PULL_REQUESTS_V1, "node-red/node-red#2", pr("node-red/node-red", 2, LAST_WEEK, "d2"));
        send(Topics.ENGINEERING_PULL_REQUESTS_V1, "node-red/node-red#2", pr("node-red/node-red", 2, LAST_WEEK, "d2"));
        // CARR: one contract signed today, one in the pipeline for this quarter, the quarter's goal
        String quarter = TODAY.getYear() + "-Q" + TODAY.get(IsoFields.QUARTER_OF_YEAR);
        LocalDate quarterEnd = TODAY.withDayOfMonth(1).withMonth((TODAY.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1)
                .plusMonths(3).minusDays(1);
        send(Topics.REVENUE_CONTRACTS_V1, "k1", json(new ContractEvent(1, UUID.randomUUID().toString(), Instant.now(),
                "k1", "Acme", 1_200_000_00L, "usd", "signed", TODAY, null, null)));
        send(Topics.REVENUE_CONTRACTS_V1, "k2", json(new ContractEvent(1, UUID.randomUUID().toString(), Instant.now(),
                "k2", "Initech", 300_000_00L, "usd", "pipeline", null, quarterEnd, null)));
        send(Topics.REVENUE_CARR_GOALS_V1, quarter, json(new CarrGoalEvent(1, UUID.randomUUID().toString(),
                Instant.now(), quarter, "usd", 2_000_000_00L)));

        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals(2, count("SELECT count(*) FROM merged_pull_request"));
            assertEquals(4, count("SELECT count(*) FROM kpi_observation"));
            assertEquals(2, count("SELECT count(*) FROM carr_contract"));
            assertEquals(1, count("SELECT count(*) FROM carr_goal"));
            assertEquals(1, count("SELECT count(*) FROM installations_daily WHERE include_dev = false AND day = '"
                    + TODAY + "'"));
        });
        refresh();

        assertEquals(List.of(
                        "engineeringThroughput|1|pull requests|flow|github.merged-pull-requests|wow-growth|0|",
                        "nrActiveInstances|2|instances|stock|installations.nr-instances|wow-growth|10|",
                        "mqls|3|leads|flow|observations|wow-growth|5|",
                        "carrProjected|4|USD|stock|revenue.carr-projected|kpi||carrGoal",
                        "carrClosed|5|USD|stock|revenue.carr-closed|kpi||carrGoal",
                        "carrGoal|6|USD|stock|revenue.carr-goal|none||",
                        "mrr|7|USD|stock|revenue.mrr|wow-growth|2|",
                        "trials|8|trials|flow|observations|goal|3|"),
                rows("SELECT key, position, unit, kind, source, target_kind, target_value, target_kpi "
                        + "FROM read_kpi_definitions ORDER BY position"));

        // kpi|value|previous|growth|target|onTrack, this week
        assertEquals("engineeringThroughput|1|1|0.00|1.00|t", week("engineeringThroughput", WEEK));
        assertEquals("engineeringThroughput|1||||", week("engineeringThroughput", LAST_WEEK));
        assertEquals("nrActiveInstances|11|5|120.00|5.50|t", week("nrActiveInstances", WEEK));
        assertEquals("nrActiveInstances|5||||", week("nrActiveInstances", LAST_WEEK));
        assertEquals("mqls|51|40|27.50|42.00|t", week("mqls", WEEK));
        assertEquals("trials|2|||3|f", week("trials", WEEK));
        assertEquals("carrClosed|1200000.00|" + previousClosedCarr() + "||2000000.00|f", week("carrClosed", WEEK));
        assertTrue(week("carrProjected", WEEK).startsWith("carrProjected|1500000.00|"), week("carrProjected", WEEK));
        assertTrue(week("carrGoal", WEEK).startsWith("carrGoal|2000000.00|"), week("carrGoal", WEEK));
        assertEquals(0, count("SELECT count(*) FROM read_kpi_weekly WHERE week_start > '" + WEEK + "'"));

        // Replaying every input changes nothing.
        List<String> before = rows("SELECT * FROM read_kpi_weekly ORDER BY kpi, week_start");
        send(Topics.KPI_OBSERVATIONS_V1, "mqls", observation("mqls", 21, moment, "hubspot"));
        send(Topics.ENGINEERING_PULL_REQUESTS_V1, "flowfuse/flowfuse#1", pr("FlowFuse/flowfuse", 1, WEEK, "d1"));
        Thread.sleep(2000);
        refresh();
        assertEquals(before, rows("SELECT * FROM read_kpi_weekly ORDER BY kpi, week_start"));
    }

    @Test
    void recordsBreakingTheRulesAreDeadLetteredAndTheNextOnesCount() throws Exception {
        String marker = UUID.randomUUID().toString();
        send(Topics.KPI_OBSERVATIONS_V1, "mqls", "{\"kpi\":\"mqls\",\"value\":1,\"period\":\"2026-W99\",\"source\":\""
                + marker + "\"}");
        send(Topics.KPI_OBSERVATIONS_V1, "mqls", "{\"kpi\":\"mqls\",\"value\":1,\"source\":\"" + marker + "\"}");
        send(Topics.ENGINEERING_PULL_REQUESTS_V1, "a/b#2", "{\"schemaVersion\":1,\"repository\":\"a/b\",\"number\":2.5,"
                + "\"mergedAt\":\"" + Instant.now() + "\",\"source\":\"webhook\",\"deliveryId\":\"" + marker + "\"}");
        send(Topics.KPI_OBSERVATIONS_V1, "mqls", observation("mqls", 7, "\"period\":\"" + Weeks.label(WEEK) + "\"",
                "after"));
        send(Topics.ENGINEERING_PULL_REQUESTS_V1, "a/b#3", pr("a/b", 3, WEEK, "after"));

        List<String> observationReasons = deadLetters(Topics.KPI_OBSERVATIONS_V1 + ".dlq", marker, 2);
        assertEquals(2, observationReasons.size(), observationReasons.toString());
        assertTrue(observationReasons.get(0).contains("'period'"), observationReasons.get(0));
        assertTrue(observationReasons.get(1).contains("exactly one of 'period'"), observationReasons.get(1));
        List<String> prReasons = deadLetters(Topics.ENGINEERING_PULL_REQUESTS_V1 + ".dlq", marker, 1);
        assertEquals(1, prReasons.size(), prReasons.toString());
        assertTrue(prReasons.get(0).startsWith("not a merged pull request"), prReasons.get(0));
        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals(1, count("SELECT count(*) FROM kpi_observation WHERE source = 'after'"));
            assertEquals(1, count("SELECT count(*) FROM merged_pull_request WHERE number = 3"));
        });
        assertEquals(0, count("SELECT count(*) FROM merged_pull_request WHERE number = 2"), "2.5 is not read as 2");
    }

    /** One refresh now, on a Vert.x context as the scheduler runs it. */
    private void refresh() throws Throwable {
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> refresher.refresh());
    }

    // --- inputs ---

    /** Last week's closed CARR: nothing was signed by then; no row at all when the quarter began this week. */
    private static String previousClosedCarr() {
        LocalDate quarterStart = TODAY.withDayOfMonth(1).withMonth((TODAY.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1);
        return Weeks.monday(quarterStart).isAfter(LAST_WEEK) ? "" : "0.00";
    }

    private static String ping(String instance, LocalDate day, long projects, long devices) throws Exception {
        TelemetryPing ping = new TelemetryPing(instance, new TelemetryPing.Os("Linux", "6.8.0", "x64"),
                new TelemetryPing.Env("v20.19.4", "2.33.0"),
                new TelemetryPing.Platform(new TelemetryPing.Counts(1L, 1L, projects, null, devices, null, null, null,
                        null, null, null, null, null, null), new TelemetryPing.Config("docker", null, null, null),
                        new TelemetryPing.License("", "CE")));
        return json(new TelemetryPingEvent(1, UUID.randomUUID().toString(), day.atTime(0, 30).toInstant(ZoneOffset.UTC),
                "ping", null, ping, null));
    }

    private static String observation(String kpi, long value, String when, String source) {
        return "{\"kpi\":\"" + kpi + "\",\"value\":" + value + "," + when + ",\"source\":\"" + source + "\"}";
    }

    private static String pr(String repository, long number, LocalDate day, String delivery) {
        return "{\"schemaVersion\":1,\"repository\":\"" + repository + "\",\"number\":" + number + ",\"mergedAt\":\""
                + day.atTime(1, 0).toInstant(ZoneOffset.UTC) + "\",\"source\":\"webhook\",\"deliveryId\":\"" + delivery
                + "\"}";
    }

    private static String json(Object event) throws Exception {
        return EventJson.mapper().writeValueAsString(event);
    }

    private void send(String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    // --- reading ---

    private String week(String kpi, LocalDate weekStart) throws SQLException {
        List<String> rows = rows("SELECT kpi, value, previous_value, wow_growth_pct, target_value, on_track "
                + "FROM read_kpi_weekly WHERE kpi = '" + kpi + "' AND week_start = '" + weekStart + "'");
        return rows.isEmpty() ? "(no row)" : rows.get(0);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(r.getString(i) == null ? "" : r.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    private List<String> deadLetters(String topic, String marker, int expected) {
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "kpi-views-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (reasons.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && record.value().contains(marker)) {
                        reasons.add(new String(record.headers().lastHeader("dead-letter-reason").value(),
                                java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return reasons;
    }
}
