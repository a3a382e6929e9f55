package io.growthmetrics.ingest.rest;

import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Without METRICS_ADMIN_TOKEN nobody is admitted: the admin endpoints say so with 503, whatever is presented. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
@TestProfile(AdminTokenUnsetTest.NoToken.class)
class AdminTokenUnsetTest {

    public static class NoToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("metrics.admin.token", "");
        }
    }

    @Test
    void adminEndpointsAnswer503SayingTheTokenIsNotConfigured() {
        for (String authorization : new String[] {null, "Bearer ", "Bearer test-admin-token", "Bearer x"}) {
            var request = given().contentType("text/csv").body("created_at,instanceId\n");
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            request.post("/admin/import/pings").then().statusCode(503).contentType(ContentType.JSON)
                    .body("status", equalTo("error"))
                    .body("error", containsString("admin token is not configured"))
                    .body("error", containsString("METRICS_ADMIN_TOKEN"));
        }
        // The ping does not need it.
        given().contentType(ContentType.JSON).body("{\"instanceId\":\"unset-token-instance\"}").post("/ping")
                .then().statusCode(200);
    }
}
