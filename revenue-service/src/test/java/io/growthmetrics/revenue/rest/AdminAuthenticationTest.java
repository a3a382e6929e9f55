package io.growthmetrics.revenue.rest;

import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/**
 * Every write and admin endpoint refuses a caller without the admin token before it looks at anything else
 * (body, content type, path parameters), with 401, {@code WWW-Authenticate: Bearer} and {@code {"error":"…"}};
 * the right token gets through to the endpoint. The Stripe webhook is not token-protected (its signature is).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class AdminAuthenticationTest {

    static final String TOKEN = "test-admin-token";
    static final String MISSING = "Missing 'Authorization: Bearer <METRICS_ADMIN_TOKEN>' header";
    static final String INVALID = "Invalid admin token";

    /** A protected endpoint: method, path and a body it would accept (or null). */
    record Endpoint(String method, String path, String body) {
        ValidatableResponse call(String authorization, String contentType) {
            RequestSpecification request = given().contentType(contentType);
            if (body != null) {
                request.body(body);
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return request.request(method, path).then();
        }
    }

    static final List<Endpoint> PROTECTED = List.of(
            new Endpoint("POST", "/api/v1/contracts", "{\"customer\":\"Auth Test\"}"),
            new Endpoint("PUT", "/api/v1/contracts/c-auth-test", "{\"customer\":\"Auth Test\"}"),
            new Endpoint("PUT", "/api/v1/carr-goals/2026-Q4", "{\"goalCents\":1,\"currency\":\"usd\"}"),
            new Endpoint("POST", "/admin/backfill", null),
            new Endpoint("GET", "/admin/backfill", null));

    private static void refused(ValidatableResponse response, String error) {
        response.statusCode(401).header("WWW-Authenticate", equalTo("Bearer")).contentType("application/problem+json")
                .body("detail", equalTo(error));
    }

    @Test
    void noTokenIsRefused() {
        for (Endpoint e : PROTECTED) {
            refused(e.call(null, "application/json"), MISSING);
            refused(e.call("Basic YWRtaW46YWRtaW4=", "application/json"), MISSING);
        }
    }

    @Test
    void aWrongTokenIsRefused() {
        for (Endpoint e : PROTECTED) {
            refused(e.call("Bearer test-admin-tokem", "application/json"), INVALID); // same length
            refused(e.call("Bearer TEST-ADMIN-TOKEN", "application/json"), INVALID);
        }
    }

    @Test
    void aTokenOfAnotherLengthIsRefused() {
        for (Endpoint e : PROTECTED) {
            refused(e.call("Bearer t", "application/json"), INVALID);
            refused(e.call("Bearer test-admin-token-and-then-some", "application/json"), INVALID);
            refused(e.call("Bearer " + "x".repeat(4096), "application/json"), INVALID);
        }
    }

    @Test
    void authenticationIsJudgedBeforeContentTypeBodyAndPath() {
        for (Endpoint e : PROTECTED) {
            refused(e.call(null, "text/csv"), MISSING);
            refused(e.call("Bearer wrong", "application/x-www-form-urlencoded"), INVALID);
        }
        // A malformed path parameter, an unknown method, an unknown path: still 401 first (not 400, 405, 404).
        refused(new Endpoint("PUT", "/api/v1/carr-goals/not-a-quarter", "{}").call(null, "application/json"), MISSING);
        refused(new Endpoint("DELETE", "/api/v1/contracts/c-1", null).call(null, "application/json"), MISSING);
        refused(new Endpoint("POST", "/admin/no-such-endpoint", "{}").call(null, "application/json"), MISSING);
    }

    @Test
    void theRightTokenPasses() {
        for (Endpoint e : PROTECTED) {
            e.call("Bearer " + TOKEN, "application/json")
                    .statusCode(not(401))
                    .body(not(containsString("admin token")));
        }
        // It reaches the endpoints' own checks: the contract's validation, the backfill's status.
        new Endpoint("POST", "/api/v1/contracts", "{}").call("Bearer " + TOKEN, "application/json").statusCode(400);
        new Endpoint("GET", "/admin/backfill", null).call("Bearer " + TOKEN, "application/json").statusCode(200);
    }

    @Test
    void theStripeWebhookNeedsNoTokenButItsSignature() {
        given().body("{}").post("/stripe/webhook").then().statusCode(400)
                .body("detail", equalTo("Missing Stripe-Signature header"));
        given().header("Authorization", "Bearer wrong").body("{}").post("/stripe/webhook").then().statusCode(400)
                .body("detail", equalTo("Missing Stripe-Signature header"));
    }
}
