package io.growthmetrics.api.rest;

import static io.growthmetrics.api.testing.TestDatabase.insertDaily;
import static io.growthmetrics.api.testing.TestDatabase.insertSnapshot;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import io.growthmetrics.api.testing.FaultyTcpProxy;
import io.growthmetrics.api.testing.OutageProxyResource;
import io.growthmetrics.api.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL away (connections refused, open ones cut) or hanging (connections accepted, nothing answered),
 * through a real TCP proxy in front of the real database: every endpoint that reads the views answers 503
 * problem+json with Retry-After, readiness is DOWN, and both come back by themselves when the database does.
 * A hang is caught by the client's 30 s socket timeout (the server's bound is 2 s here), not by timing.
 */
@QuarkusTest
@WithTestResource(OutageProxyResource.class)
class DatabaseOutageTest {

    /** Every endpoint that reads the database, with good parameters; each answers 200 while the database is up. */
    static final List<String[]> READING_ENDPOINTS = List.of(
            new String[] {"/api/v1/installations/daily", "from", "2026-01-01", "to", "2026-01-07"},
            new String[] {"/api/v1/installations/breakdown", "by", "os", "date", "2026-01-02"},
            new String[] {"/api/v1/growth/weekly", "series", "installations", "from", "2026-01-01", "to", "2026-01-31"},
            new String[] {"/api/v1/growth/weekly", "series", "mrr", "from", "2026-01-01", "to", "2026-01-31"},
            new String[] {"/api/v1/growth/weekly", "series", "snapshot:platform.teamCount", "from", "2026-01-01", "to", "2026-01-31"},
            new String[] {"/api/v1/revenue/mrr", "date", "2026-01-02"},
            new String[] {"/api/v1/revenue/mrr/daily", "from", "2026-01-01", "to", "2026-01-07"},
            new String[] {"/api/v1/revenue/movements", "from", "2026-01-01", "to", "2026-01-07"},
            new String[] {"/api/v1/revenue/carr", "quarter", "2026-Q1"},
            new String[] {"/api/v1/snapshots/latest"},
            new String[] {"/api/v1/snapshots/metrics"},
            new String[] {"/api/v1/snapshots/metrics/platform.teamCount", "from", "2026-01-01", "to", "2026-01-07"});

    /** No answer within 30 s is a hang: the request fails instead of waiting forever. */
    private static final RestAssuredConfig HANG_GUARD = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.connection.timeout", 30_000)
            .setParam("http.socket.timeout", 30_000));

    private final FaultyTcpProxy proxy = OutageProxyResource.proxy();

    @BeforeEach
    void views() {
        slowest503Millis = 0;
        TestDatabase.clearInstallations();
        TestDatabase.clearRevenue();
        TestDatabase.clearSnapshots();
        insertDaily(LocalDate.parse("2026-01-02"), false, 10, 11, 12, 3, 1);
        insertSnapshot(LocalDate.parse("2026-01-02"), "[]", "platform.teamCount", "7");
        proxy.restore();
        everyEndpointAnswersNormally();
    }

    @AfterEach
    void databaseBack() {
        proxy.restore();
    }

    @Test
    void refusedConnectionsAre503UntilTheDatabaseIsBack() {
        proxy.refuse();

        everyEndpointAnswers503();
        notReady();
        theRestStillWorks();

        proxy.restore();
        awaitNormalAnswers("refused");
    }

    @Test
    void aHangingDatabaseIs503WithinTheBoundUntilItAnswersAgain() {
        proxy.freeze();

        everyEndpointAnswers503();
        notReady();
        theRestStillWorks();

        proxy.restore(); // the held queries complete; nothing was cut
        awaitNormalAnswers("hung, then answering");
    }

    @Test
    void aHangingDatabaseThatIsThenRestartedComesBackToo() {
        proxy.freeze();
        everyEndpointAnswers503();

        proxy.refuse(); // killed while hanging: every held connection is cut
        everyEndpointAnswers503();
        notReady();

        proxy.restore();
        awaitNormalAnswers("hung, then restarted");
    }

    private void awaitNormalAnswers(String outage) {
        long since = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            ready();
            everyEndpointAnswersNormally();
        });
        // A figure for docs/reliability.md, not an assertion.
        System.out.printf("[outage] " + outage + ": every endpoint and readiness back to normal %.1f s after the database; slowest 503 %d ms "
                + "(query timeout %s)%n", (System.nanoTime() - since) / 1e9, slowest503Millis, OutageProxyResource.QUERY_TIMEOUT);
    }

    private static long slowest503Millis;

    private static void everyEndpointAnswersNormally() {
        for (String[] endpoint : READING_ENDPOINTS) {
            get(endpoint).statusCode(200).contentType("application/json");
        }
    }

    private static void everyEndpointAnswers503() {
        for (String[] endpoint : READING_ENDPOINTS) {
            ValidatableResponse response = get(endpoint);
            slowest503Millis = Math.max(slowest503Millis, response.extract().time());
            response
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("keySet()", containsInAnyOrder("type", "title", "status", "detail"))
                    .body("type", equalTo("about:blank"))
                    .body("title", equalTo("Service Unavailable"))
                    .body("status", equalTo(503))
                    .body("detail", containsString("try again"))
                    .body(not(containsString("Exception")));
        }
    }

    /** What needs no database answers as usual: the calculator, and bad input is still a 400 naming the parameter. */
    private static void theRestStillWorks() {
        get(new String[] {"/api/v1/growth/calculator", "start", "100", "weeklyGrowthPct", "10", "weeks", "52"})
                .statusCode(200)
                .body("end", equalTo(14204.29f));
        get(new String[] {"/api/v1/installations/daily", "from", "2026-13-01", "to", "2026-01-07"})
                .statusCode(400)
                .contentType("application/problem+json")
                .body("parameter", equalTo("from"));
    }

    private static void ready() {
        get(new String[] {"/q/health/ready"}).statusCode(200).body("status", equalTo("UP"));
    }

    private static void notReady() {
        get(new String[] {"/q/health/ready"})
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.findAll { it.status == 'DOWN' }.name", hasItem(containsString("PostgreSQL")));
    }

    private static ValidatableResponse get(String[] endpoint) {
        RequestSpecification request = given().config(HANG_GUARD);
        for (int i = 1; i < endpoint.length; i += 2) {
            request = request.queryParam(endpoint[i], endpoint[i + 1]);
        }
        return request.when().get(endpoint[0]).then();
    }
}
