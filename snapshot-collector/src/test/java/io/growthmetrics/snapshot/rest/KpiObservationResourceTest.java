package io.growthmetrics.snapshot.rest;

import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.kpi.KpiObservation;
import io.growthmetrics.snapshot.support.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** POST /api/v1/kpis/{key}/observations onto the real broker, as a tool publishing directly would. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class KpiObservationResourceTest {

    private static ValidatableResponse post(String key, String body) {
        String token = ConfigProvider.getConfig().getValue("metrics.admin.token", String.class);
        return given().header("Authorization", "Bearer " + token).contentType("application/json").body(body)
                .when().post("/api/v1/kpis/" + key + "/observations").then();
    }

    @Test
    void figuresArePublishedUnderThePathsKey() throws Exception {
        String key = "mqls" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        post(key, "[{\"value\":42,\"period\":\"2026-W47\",\"source\":\"hubspot\"},"
                + "{\"value\":12345678901234567890.123456789,\"observedAt\":\"2026-11-20T10:00:00Z\",\"source\":\"website\",\"kpi\":\"" + key + "\"}]")
                .statusCode(202).body("published", equalTo(2));
        List<ConsumerRecord<String, String>> records = TopicReader.byKey(Topics.KPI_OBSERVATIONS_V1, key, 2,
                Duration.ofSeconds(20));
        assertEquals(2, records.size());
        KpiObservation first = EventJson.mapper().readValue(records.get(0).value(), KpiObservation.class);
        assertEquals(new KpiObservation(key, new BigDecimal("42"), "2026-W47", null, "hubspot"), first);
        assertEquals(new BigDecimal("12345678901234567890.123456789"), EventJson.mapper()
                .readValue(records.get(1).value(), KpiObservation.class).value(), "exact, never through a double");
    }

    @Test
    void badFiguresAre400NamingTheFieldAndNothingIsPublished() {
        String key = "bad" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        post(key, "{\"value\":\"42\",\"period\":\"2026-W47\",\"source\":\"s\"}").statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("value"));
        post(key, "{\"value\":1,\"period\":\"2026-W54\",\"source\":\"s\"}").statusCode(400).body("field", equalTo("period"));
        post(key, "{\"value\":1,\"source\":\"s\"}").statusCode(400).body("field", equalTo("period"));
        post(key, "{\"value\":1,\"period\":\"2026-W47\",\"observedAt\":\"2026-11-20T10:00:00Z\",\"source\":\"s\"}")
                .statusCode(400).body("field", equalTo("observedAt"));
        post(key, "{\"value\":1,\"period\":\"2026-W47\"}").statusCode(400).body("field", equalTo("source"));
        post(key, "{\"value\":1,\"period\":\"2026-W47\",\"source\":\"s\",\"unit\":\"x\"}").statusCode(400)
                .body("field", equalTo("unit"));
        post(key, "{\"value\":1,\"period\":\"2026-W47\",\"source\":\"s\",\"kpi\":\"other\"}").statusCode(400)
                .body("field", equalTo("kpi"));
        post(key, "[{\"value\":1,\"period\":\"2026-W47\",\"source\":\"s\"},{\"value\":1e400,\"period\":\"2026-W47\","
                + "\"source\":\"s\"}]").statusCode(400).body("field", equalTo("[1].value"));
        post(key, "{not json").statusCode(400).body("field", equalTo("body"));
        post("1nope", "{\"value\":1,\"period\":\"2026-W47\",\"source\":\"s\"}").statusCode(400).body("field", equalTo("key"));
        assertEquals(List.of(), TopicReader.byKey(Topics.KPI_OBSERVATIONS_V1, key, 1, Duration.ofSeconds(3)));
    }

    @Test
    void withoutTheTokenIt401s() {
        given().contentType("application/json").body("{}").when().post("/api/v1/kpis/mqls/observations").then()
                .statusCode(401);
    }
}
