package io.growthmetrics.ingest.rest;

import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every admin endpoint refuses a caller without the admin token before it looks at anything else (body, content
 * type), with 401, {@code WWW-Authenticate: Bearer} and the collector's error shape; the ping stays open.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class AdminAuthenticationTest {

    static final String TOKEN = "test-admin-token";
    static final String MISSING = "Missing 'Authorization: Bearer <METRICS_ADMIN_TOKEN>' header";
    static final String INVALID = "Invalid admin token";

    private static ValidatableResponse importWith(String authorization, String contentType) {
        var request = given().contentType(contentType).body("created_at,instanceId\n");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.post("/admin/import/pings").then();
    }

    private static void refused(ValidatableResponse response, String error) {
        response.statusCode(401).header("WWW-Authenticate", equalTo("Bearer")).contentType(ContentType.JSON)
                .body("status", equalTo("error")).body("error", equalTo(error));
    }

    @Test
    void noTokenIsRefused() {
        refused(importWith(null, "text/csv"), MISSING);
        refused(importWith("Basic dXNlcjpwYXNz", "text/csv"), MISSING);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "test-admin-tokem", // same length, last character wrong
            "TEST-ADMIN-TOKEN", // same length, other case
            "test", // shorter
            "test-admin-token-and-then-some", // longer
            "t", // one character
    })
    void aWrongTokenOrOneOfAnotherLengthIsRefused(String token) {
        refused(importWith("Bearer " + token, "text/csv"), INVALID);
    }

    @Test
    void authenticationIsJudgedBeforeTheContentType() {
        // JSON to a text/csv endpoint: 401 for a stranger, not 415.
        refused(importWith(null, "application/json"), MISSING);
        refused(importWith("Bearer wrong", "application/json"), INVALID);
        // With the right token the request gets as far as the media-type check.
        importWith("Bearer " + TOKEN, "application/json").statusCode(415).body("status", equalTo("error"));
    }

    @Test
    void everyPathUnderAdminIsProtectedEvenUnknownOnes() {
        refused(given().contentType(ContentType.JSON).body("{}").post("/admin/no-such-endpoint").then(), MISSING);
        refused(given().get("/admin").then(), MISSING);
    }

    @Test
    void theRightTokenPasses() {
        importWith("Bearer " + TOKEN, "text/csv").statusCode(200).body("imported", equalTo(0));
        importWith("bearer " + TOKEN, "text/csv").statusCode(200).body("imported", equalTo(0));
    }

    @Test
    void thePingStaysOpenWhateverTheAuthorizationHeader() {
        String ping = "{\"instanceId\":\"auth-test-instance\",\"env\":{\"flowforge\":\"2.10.0\"}}";
        given().contentType(ContentType.JSON).body(ping).post("/ping").then().statusCode(200)
                .body("status", equalTo("success"));
        given().contentType(ContentType.JSON).header("Authorization", "Bearer wrong").body(ping).post("/")
                .then().statusCode(200).body("status", equalTo("success"));
    }
}
