package io.growthmetrics.snapshot.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.snapshot.support.FakePlatform;
import io.growthmetrics.snapshot.support.FakePlatform.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP client alone, against a local platform: retries, timeouts, what is not retried. */
class PlatformStatsClientTest {

    private static final FakePlatform SERVER = new FakePlatform();
    private static PlatformStatsClient client;

    @BeforeAll
    static void start() {
        String url = SERVER.start().get("snapshot.platform.url");
        client = new PlatformStatsClient(url, FakePlatform.TOKEN, Duration.ofSeconds(2), Duration.ofMillis(500), 3,
                Duration.ofMillis(50));
    }

    @AfterAll
    static void stop() {
        SERVER.stop();
    }

    @Test
    void readsTheStatsWithTheBearerToken() throws Exception {
        FakePlatform.reset();
        JsonNode stats = client.fetch();
        assertEquals(412, stats.get("teamCount").asInt());
        assertEquals(List.of("Bearer " + FakePlatform.TOKEN), FakePlatform.requests());
        assertTrue(client.statsUri().toString().endsWith(":" + client.statsUri().getPort() + "/api/v1/admin/stats"));
    }

    @Test
    void aServerErrorIsRetried() throws Exception {
        FakePlatform.reset(new Reply(500, "{\"error\":\"boom\"}", 0), new Reply(502, "", 0));
        assertEquals(412, client.fetch().get("teamCount").asInt());
        assertEquals(3, FakePlatform.requests().size());
    }

    @Test
    void aPersistentErrorFailsAfterTheLastTry() {
        FakePlatform.reset(new Reply(503, "", 0), new Reply(503, "", 0), new Reply(503, "", 0));
        PlatformStatsClient.PlatformException e = assertThrows(PlatformStatsClient.PlatformException.class, client::fetch);
        assertEquals("HTTP 503 after 3 tries", e.getMessage());
    }

    @Test
    void aSlowPlatformTimesOutOnEveryTry() {
        FakePlatform.reset(new Reply(200, FakePlatform.STATS, 3000), new Reply(200, FakePlatform.STATS, 3000),
                new Reply(200, FakePlatform.STATS, 3000));
        long start = System.nanoTime();
        PlatformStatsClient.PlatformException e = assertThrows(PlatformStatsClient.PlatformException.class, client::fetch);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("timed out (500 ms) after 3 tries", e.getMessage());
        assertTrue(millis < 2900, "bounded: " + millis + " ms");
    }

    @Test
    void refusalsAndNonJsonAreNotRetried() {
        FakePlatform.reset(new Reply(401, "{\"error\":\"unauthorized\"}", 0));
        assertEquals("HTTP 401 (not retried)",
                assertThrows(PlatformStatsClient.PlatformException.class, client::fetch).getMessage());
        assertEquals(1, FakePlatform.requests().size());
        FakePlatform.reset(new Reply(200, "<html>login</html>", 0));
        assertTrue(assertThrows(PlatformStatsClient.PlatformException.class, client::fetch).getMessage()
                .startsWith("the admin stats are not JSON"));
    }

    @Test
    void anUnreachablePlatformIsRetriedThenReported() {
        PlatformStatsClient nowhere = new PlatformStatsClient("http://127.0.0.1:9", "", Duration.ofMillis(500),
                Duration.ofMillis(500), 2, Duration.ofMillis(10));
        String message = assertThrows(PlatformStatsClient.PlatformException.class, nowhere::fetch).getMessage();
        assertTrue(message.startsWith("unreachable (") && message.endsWith(" after 2 tries"), message);
    }
}
