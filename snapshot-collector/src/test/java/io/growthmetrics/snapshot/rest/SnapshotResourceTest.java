package io.growthmetrics.snapshot.rest;

import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.snapshot.DailySnapshot;
import io.growthmetrics.snapshot.support.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Snapshots from what is on {@code feature-adoption.metrics.v1}, taken with {@code POST /admin/snapshots/{date}}. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class SnapshotResourceTest {

    private static final String TOKEN = FeatureMetricResourceTest.TOKEN;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static String unique(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void observe(String metric, String value, String observedAt) {
        TopicReader.send(Topics.FEATURE_ADOPTION_METRICS_V1, metric, "{\"metric\":\"" + metric + "\",\"value\":" + value
                + ",\"observedAt\":\"" + observedAt + "\",\"source\":\"test-team\"}");
    }

    private static JsonPath take(String date) {
        return given().header("Authorization", TOKEN).when().post("/admin/snapshots/" + date)
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("schemaVersion", equalTo(1)).body("date", equalTo(date))
                .extract().jsonPath();
    }

    private static Map<String, Object> metrics(JsonPath snapshot) {
        return snapshot.getMap("metrics");
    }

    @Test
    void aNewMetricFirstSeenOnDAppearsInDsSnapshotButNotInTheDayBefore() {
        String metric = unique("tables.databases");
        observe(metric, "12", "2025-03-10T10:00:00Z");

        assertEquals(12, metrics(take("2025-03-10")).get(metric));
        assertFalse(metrics(take("2025-03-09")).containsKey(metric));
        assertEquals(12, metrics(take("2025-03-11")).get(metric), "carried forward until a newer observation");

        List<ConsumerRecord<String, String>> published = TopicReader.byKey(Topics.SNAPSHOTS_DAILY_V1, "2025-03-10", 1, WAIT);
        DailySnapshot snapshot = TopicReader.value(published.get(0), DailySnapshot.class);
        assertEquals(new BigDecimal("12"), snapshot.metrics().get(metric));
        assertEquals(LocalDate.parse("2025-03-10"), snapshot.date());
        assertEquals(List.of(), snapshot.failures());
    }

    @Test
    void aLateMessageChangesItsDayWhenTheDayIsTakenAgainAndAnEarlyOneWaitsForItsDay() {
        String metric = unique("mqtt.clients");
        observe(metric, "1", "2025-04-10T08:00:00Z");
        assertEquals(1, metrics(take("2025-04-10")).get(metric));

        observe(metric, "5", "2025-04-13T08:00:00Z"); // early: dated days ahead
        observe(metric, "2", "2025-04-10T20:00:00Z"); // late: dated D, arrives after D was taken
        assertEquals(2, metrics(take("2025-04-10")).get(metric));
        assertEquals(1, metrics(take("2025-04-09")).getOrDefault(metric, 1), "absent before D");
        assertFalse(metrics(take("2025-04-09")).containsKey(metric));
        assertEquals(2, metrics(take("2025-04-12")).get(metric));
        assertEquals(5, metrics(take("2025-04-13")).get(metric));
    }

    @Test
    void labelledObservationsAreSeriesNamedWithSortedKeys() {
        String metric = unique("tables.tables");
        given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body("[{\"metric\":\"" + metric + "\",\"value\":7,\"observedAt\":\"2025-05-01T10:00:00Z\",\"source\":\"t\","
                        + "\"labels\":{\"tier\":\"pro\",\"region\":\"eu\"}},"
                        + "{\"metric\":\"" + metric + "\",\"value\":9,\"observedAt\":\"2025-05-01T10:00:00Z\",\"source\":\"t\"}]")
                .when().post("/api/v1/feature-metrics").then().statusCode(202);
        Map<String, Object> metrics = metrics(take("2025-05-01"));
        assertEquals(7, metrics.get(metric + "{region=eu,tier=pro}"));
        assertEquals(9, metrics.get(metric));
    }

    @Test
    void takingADayAgainRepublishesTheSameContent() {
        String metric = unique("devices.remote");
        observe(metric, "3.50", "2025-06-01T09:00:00Z");
        String first = given().header("Authorization", TOKEN).when().post("/admin/snapshots/2025-06-02")
                .then().statusCode(200).extract().asString();
        String second = given().header("Authorization", TOKEN).when().post("/admin/snapshots/2025-06-02")
                .then().statusCode(200).extract().asString();
        assertEquals(first, second);

        List<ConsumerRecord<String, String>> published = TopicReader.byKey(Topics.SNAPSHOTS_DAILY_V1, "2025-06-02", 2, WAIT);
        assertEquals(2, published.size());
        assertEquals(published.get(0).value(), published.get(1).value(), "byte-identical on the topic");
        assertEquals(first, published.get(0).value());
        DailySnapshot snapshot = TopicReader.value(published.get(0), DailySnapshot.class);
        assertEquals(new BigDecimal("3.50"), snapshot.metrics().get(metric));
        List<String> names = new ArrayList<>(snapshot.metrics().keySet());
        assertEquals(names.stream().sorted().toList(), names, "sorted by name");
    }

    @Test
    void badFutureAndUncollectableDatesAreRefused() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (String bad : List.of("2025-13-01", "yesterday", "20250101", "2025-02-30")) {
            given().header("Authorization", TOKEN).when().post("/admin/snapshots/" + bad)
                    .then().statusCode(400).body("detail", containsString("YYYY-MM-DD"));
        }
        given().header("Authorization", TOKEN).when().post("/admin/snapshots/" + today.plusDays(1))
                .then().statusCode(400).body("detail", containsString("is in the future"));
        given().header("Authorization", TOKEN).when().post("/admin/snapshots/2025-01-01?collect=true")
                .then().statusCode(400).body("detail", containsString("only for yesterday or today"));
        given().header("Authorization", TOKEN).when().post("/admin/snapshots/" + today + "?collect=true")
                .then().statusCode(400).body("detail", containsString("SNAPSHOT_PLATFORM_URL"));
        JsonPath snapshot = take(today.toString());
        assertNull(snapshot.get("takenAt"));
    }

    @Test
    void healthAndMetricsAreServed() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        take("2025-01-15");
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("snapshot_snapshots_published_total"))
                .body(containsString("snapshot_observations_consumed_total"));
    }
}
