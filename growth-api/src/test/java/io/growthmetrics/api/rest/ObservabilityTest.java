package io.growthmetrics.api.rest;

import static io.growthmetrics.api.testing.Api.get;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;

import io.growthmetrics.api.testing.KpiViewsSchema;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(KpiViewsSchema.class)
class ObservabilityTest {

    @Test
    void readinessIncludesTheDatabase() {
        get("/q/health/ready")
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("PostgreSQL")))
                .body("checks.find { it.name.contains('PostgreSQL') }.status", equalTo("UP"));
    }

    @Test
    void openApiDescribesTheEndpoints() {
        get("/q/openapi", "format", "json")
                .statusCode(200)
                .body("paths", hasKey("/api/v1/installations/daily"))
                .body("paths", hasKey("/api/v1/installations/breakdown"))
                .body("paths", hasKey("/api/v1/growth/weekly"))
                .body("paths", hasKey("/api/v1/growth/calculator"))
                .body("paths", hasKey("/api/v1/revenue/mrr"))
                .body("paths", hasKey("/api/v1/revenue/mrr/daily"))
                .body("paths", hasKey("/api/v1/revenue/movements"))
                .body("paths", hasKey("/api/v1/revenue/carr"))
                .body("paths", hasKey("/api/v1/snapshots/latest"))
                .body("paths", hasKey("/api/v1/snapshots/metrics"))
                .body("paths", hasKey("/api/v1/snapshots/metrics/{name}"))
                .body("paths.'/api/v1/snapshots/metrics/{name}'.get.responses.'404'.content", hasKey("application/problem+json"))
                .body("paths.'/api/v1/growth/weekly'.get.description", containsString("snapshot:{metric}"))
                .body("paths.'/api/v1/revenue/carr'.get.responses.'400'.content", hasKey("application/problem+json"))
                .body("paths.'/api/v1/growth/weekly'.get.parameters.name", hasItem("currency"))
                .body("paths.'/api/v1/installations/breakdown'.get.parameters.find { it.name == 'date' }.description",
                        containsString("defaults to today in UTC"))
                .body("paths.'/api/v1/growth/weekly'.get.responses.'400'.content", hasKey("application/problem+json"))
                .body("paths.'/api/v1/installations/daily'.get.responses.'503'.content", hasKey("application/problem+json"))
                .body("paths.'/api/v1/revenue/carr'.get.responses.'503'.description", containsString("Retry-After"));
    }

    @Test
    void prometheusMetricsCountApiRequests() {
        get("/api/v1/growth/calculator", "start", "1", "weeklyGrowthPct", "1", "weeks", "1").statusCode(200);

        get("/q/metrics")
                .statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("uri=\"/api/v1/growth/calculator\""));
    }

    @Test
    void unknownPathsAreProblemsToo() {
        get("/api/v1/nothing-here")
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));
    }
}
