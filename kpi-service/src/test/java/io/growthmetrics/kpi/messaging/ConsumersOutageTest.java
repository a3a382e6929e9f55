package io.growthmetrics.kpi.messaging;

import io.agroal.api.AgroalDataSource;
import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.revenue.ContractEvent;
import io.growthmetrics.contracts.telemetry.TelemetryPing;
import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;
import io.growthmetrics.kpi.support.ProxiedPostgresResource;
import io.growthmetrics.kpi.support.TcpProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL away (connections reset and refused) for longer than 60 s, then hung (connections open, no answer),
 * while records arrive, with kpi-service's reactive datasource going through a {@link TcpProxy}: the consumers stay
 * alive (liveness UP, {@code kpi-consumers} reporting them as retrying), resume by themselves, and the views hold
 * every record exactly once afterwards.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = ProxiedPostgresResource.class, restrictToAnnotatedClass = true)
class ConsumersOutageTest {

    private static final Logger LOG = Logger.getLogger(ConsumersOutageTest.class);
    private static final Duration WAIT = Duration.ofSeconds(120);
    /**
     * SmallRye's throttled commit strategy used to fail the channel for good when a record stayed unprocessed for
     * 60 s (unprocessed-record-max-age); the outage must outlast that once. This is the one long wait of the suite.
     */
    private static final Duration LONG_OUTAGE = Duration.ofSeconds(70);

    @Inject
    AgroalDataSource db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private KafkaProducer<String, String> producer;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private int pings;
    private int contracts;

    @BeforeEach
    void setUp() throws SQLException {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE installation_ping, installation_day, installations_daily, installations_breakdown_daily, "
                    + "carr_contract");
            s.execute("UPDATE view_refresh SET dirty_from = NULL, materialized_from = NULL, materialized_to = NULL, "
                    + "window_days = NULL, settings = NULL");
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        ProxiedPostgresResource.proxy().open();
        producer.close();
    }

    @Test
    void consumersSurviveARefusedAndAHungDatabaseAndResumeWithNothingLostOrDoubled() throws Exception {
        TcpProxy proxy = ProxiedPostgresResource.proxy();
        sendRound(10);
        awaitViewsHoldEverything();

        // 1. The database away (connections reset, new ones refused) for longer than 60 s while records arrive.
        proxy.refuse();
        Instant down = Instant.now();
        sendRound(10);
        await().atMost(WAIT).untilAsserted(() -> assertTrue(retrying(Topics.TELEMETRY_PINGS_V1),
                "the pings consumer is in a known retry"));
        while (Duration.between(down, Instant.now()).compareTo(LONG_OUTAGE) < 0) {
            assertLive();
            sendRound(1);
            Thread.sleep(5_000);
        }
        assertLive();
        assertTrue(retrying(Topics.TELEMETRY_PINGS_V1), "still waiting after " + LONG_OUTAGE);
        proxy.open();
        Instant back = Instant.now();
        awaitViewsHoldEverything();
        LOG.infof("Refused for %s: views complete %s after the database came back", LONG_OUTAGE,
                Duration.between(back, Instant.now()));

        // 2. The database hangs: connections stay open, no answer. Store attempts time out and are retried.
        proxy.freeze();
        sendRound(10);
        await().atMost(WAIT).untilAsserted(() -> assertTrue(retrying(Topics.TELEMETRY_PINGS_V1),
                "a hung store times out into a retry"));
        assertLive();
        // still hung: the retried store times out again (a further retry counted), and the consumer is still live
        long retries = retries(Topics.TELEMETRY_PINGS_V1);
        await().atMost(WAIT).untilAsserted(() -> assertTrue(retries(Topics.TELEMETRY_PINGS_V1) > retries,
                "the retried store times out again while the database hangs"));
        assertLive();
        // The hang ends the way a restarted server ends it: the old connections break, new ones work.
        proxy.resetAll();
        proxy.open();
        awaitViewsHoldEverything();

        // 3. A hang that simply ends: the late answers arrive; stores are idempotent, nothing doubles.
        proxy.freeze();
        sendRound(5);
        await().atMost(WAIT).untilAsserted(() -> assertTrue(retrying(Topics.TELEMETRY_PINGS_V1)));
        proxy.open();
        awaitViewsHoldEverything();

        // And consumption simply goes on.
        sendRound(3);
        awaitViewsHoldEverything();
        assertLive();
    }

    private void sendRound(int n) {
        for (int i = 0; i < n; i++) {
            String instance = "outage-" + run + "-" + pings++;
            TelemetryPingEvent ping = new TelemetryPingEvent(1, UUID.randomUUID().toString(), hourAgo, "ping", null,
                    new TelemetryPing(instance, null, new TelemetryPing.Env("v20", "2.33.0"), null), null);
            send(Topics.TELEMETRY_PINGS_V1, instance, ping);
            String contractId = "k-" + run + "-" + contracts++;
            send(Topics.REVENUE_CONTRACTS_V1, contractId, new ContractEvent(1, "ce-" + contractId, hourAgo, contractId,
                    "Acme", 100, "usd", "signed", LocalDate.parse("2026-10-01"), null, null));
        }
    }

    private void send(String topic, String key, Object event) {
        try {
            producer.send(new ProducerRecord<>(topic, key, EventJson.mapper().writeValueAsString(event))).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every record sent is in the tables and the views, once. */
    private void awaitViewsHoldEverything() {
        await().atMost(WAIT).untilAsserted(() -> {
            assertEquals(pings, single("SELECT count(*) FROM installation_ping"));
            assertEquals(pings, single("SELECT installations FROM read_installations_daily WHERE include_dev = true "
                    + "AND day = '" + today + "'"));
            assertEquals(contracts, single("SELECT count(*) FROM read_carr_contracts"));
            assertEquals(contracts * 100L, single("SELECT sum(annual_value_cents) FROM read_carr_contracts"));
        });
    }

    private static JsonPath liveness() {
        return given().get("/q/health/live").then().extract().jsonPath();
    }

    private static void assertLive() {
        JsonPath live = liveness();
        assertEquals("UP", live.getString("status"), live.prettify());
        assertEquals("UP", live.getString("checks.find { it.name == 'kpi-consumers' }.status"), live.prettify());
    }

    private static boolean retrying(String topic) {
        String state = liveness().getString("checks.find { it.name == 'kpi-consumers' }.data.'" + topic + "'");
        return state != null && state.startsWith("RETRYING");
    }

    private static final Pattern RETRIES = Pattern.compile("^RETRYING since .*? \\((\\d+) retries");

    /** The retries counted in {@code kpi-consumers}' state of the consumer of {@code topic} (0 when not retrying). */
    private static long retries(String topic) {
        String state = liveness().getString("checks.find { it.name == 'kpi-consumers' }.data.'" + topic + "'");
        Matcher m = state == null ? null : RETRIES.matcher(state);
        return m != null && m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private long single(String query) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            return r.next() ? r.getLong(1) : 0;
        }
    }
}
