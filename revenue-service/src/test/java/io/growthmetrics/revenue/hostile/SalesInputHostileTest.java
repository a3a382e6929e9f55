package io.growthmetrics.revenue.hostile;

import io.growthmetrics.contracts.testing.HostileJson;
import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.revenue.support.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The contracts and CARR-goal API under {@link HostileJson#tries()} generated hostile requests (bodies and path
 * parameters): never a 5xx, every 400 a problem+json naming the field, and a good contract sent right after each is
 * accepted and on {@code revenue.contracts.v1}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class SalesInputHostileTest {

    private static final String TOKEN = "Bearer test-admin-token";
    private static final Map<String, String> CONTRACT = new LinkedHashMap<>();
    private static final Map<String, String> GOAL = new LinkedHashMap<>();

    static {
        CONTRACT.put("customer", "\"Acme Manufacturing\"");
        CONTRACT.put("annualValueCents", "4800000");
        CONTRACT.put("currency", "\"usd\"");
        CONTRACT.put("status", "\"signed\"");
        CONTRACT.put("signedDate", "\"2026-10-10\"");
        CONTRACT.put("startDate", "\"2026-11-01\"");
        GOAL.put("goalCents", "90000000");
        GOAL.put("currency", "\"usd\"");
    }

    private static String hostileFor(Random r, String field) {
        return switch (field) {
            case "annualValueCents", "goalCents" -> HostileJson.number(r);
            case "signedDate", "startDate", "expectedCloseDate" -> HostileJson.date(r);
            case "customer" -> r.nextBoolean() ? HostileJson.literal("c".repeat(256 + r.nextInt(300)))
                    : HostileJson.string(r);
            default -> HostileJson.string(r);
        };
    }

    private static String hostilePath(Random r, boolean quarter) {
        String[] quarters = {"0000-Q1", "10000-Q1", "2101-Q1", "2026-Q5", "2026-Q0", "2026-q4x", "Q4-2026"};
        return switch (r.nextInt(5)) {
            case 0 -> quarter ? quarters[r.nextInt(quarters.length)] : "c".repeat(129 + r.nextInt(200));
            case 1 -> HostileJson.randomText(r, 1 + r.nextInt(40));
            case 2 -> "a\u0000b";
            case 3 -> "'; DROP TABLE carr_contract; --";
            default -> quarter ? "2026-Q4" : "ok-" + r.nextInt(1000);
        };
    }

    @Test
    void hostileRequestsGet4xxNamingTheFieldAndAGoodContractAfterIsPublished() {
        String run = "good-" + UUID.randomUUID().toString().substring(0, 8);
        int tries = HostileJson.tries();
        int refused = 0;
        for (int i = 0; i < tries; i++) {
            Random r = HostileJson.random(i);
            int endpoint = r.nextInt(3);
            byte[] body = HostileJson.body(r, endpoint == 2 ? GOAL : CONTRACT, SalesInputHostileTest::hostileFor);
            RequestSpecification request = given().urlEncodingEnabled(false).header("Authorization", TOKEN)
                    .header("Content-Type", "application/json").body(body);
            String path = endpoint == 0 ? null : hostilePath(r, endpoint == 2);
            Response reply = switch (endpoint) {
                case 0 -> request.when().post("/api/v1/contracts");
                case 1 -> request.when().put("/api/v1/contracts/" + encoded(path));
                default -> request.when().put("/api/v1/carr-goals/" + encoded(path));
            };
            int status = reply.statusCode();
            String shown = HostileJson.where(i) + status + " for " + (path == null ? "POST" : "PUT " + path) + " "
                    + abbreviate(body) + ": " + abbreviate(reply.asByteArray());
            if (status >= 500 || status < 200 || (status >= 300 && status != 400 && status != 404 && status != 405)) {
                fail(shown);
            }
            if (status == 400) {
                refused++;
                assertEquals("application/problem+json", reply.contentType(), shown);
                JsonNode problem = problem(reply.asByteArray(), shown);
                assertEquals(400, problem.path("status").asInt(), shown);
                assertFalse(problem.path("detail").asText().isBlank(), shown);
                assertTrue(problem.path("field").isTextual(), "the field at fault is named: " + shown);
            }
            given().header("Authorization", TOKEN).header("Content-Type", "application/json")
                    .body("{\"contractId\":\"" + run + "-" + i + "\",\"customer\":\"Good Customer\","
                            + "\"annualValueCents\":" + (1000 + i) + ",\"currency\":\"usd\",\"status\":\"pipeline\","
                            + "\"expectedCloseDate\":\"2027-01-20\"}")
                    .when().post("/api/v1/contracts")
                    .then().statusCode(201);
        }
        assertTrue(refused > tries / 2, "most generated requests are refused: " + refused + " of " + tries);

        List<ConsumerRecord<String, String>> published = TopicReader.read(Topics.REVENUE_CONTRACTS_V1,
                record -> record.key() != null && record.key().startsWith(run + "-"), tries, Duration.ofSeconds(60));
        Set<String> keys = new HashSet<>();
        published.forEach(record -> keys.add(record.key()));
        assertEquals(tries, keys.size(), "every good contract after a hostile request is on the topic");
    }

    /** A path segment, percent-encoded by us (no template of the client's in the way). */
    private static String encoded(String segment) {
        return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode problem(byte[] body, String shown) {
        try {
            return EventJson.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + shown, e);
        }
    }

    private static String abbreviate(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.length() <= 300 ? text : text.substring(0, 300) + "… (" + bytes.length + " bytes)";
    }
}
