package io.growthmetrics.snapshot.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A local GitHub REST API serving {@code GET /repos/{owner}/{repo}/pulls} the way GitHub does: pages of 100 linked by
 * {@code Link: <…>; rel="next"}, newest update first, and once a rate-limit reply (403, {@code x-ratelimit-remaining: 0},
 * {@code x-ratelimit-reset} a second ahead) before page 2 of FlowFuse/flowfuse.
 */
public class FakeGithub implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "ghp_test_token";
    public static final Instant NOW = Instant.now();
    private static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    private static final AtomicBoolean RATE_LIMITED = new AtomicBoolean();
    private HttpServer server;

    public static List<String> requests() {
        return List.copyOf(REQUESTS);
    }

    static String pr(long number, Instant mergedAt, Instant updatedAt) {
        return "{\"url\":\"x\",\"number\":" + number + ",\"state\":\"closed\",\"title\":\"t\",\"merged_at\":"
                + (mergedAt == null ? "null" : "\"" + mergedAt + "\"") + ",\"updated_at\":\"" + updatedAt + "\","
                + "\"closed_at\":\"" + updatedAt + "\",\"user\":{\"login\":\"someone\"}}";
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/", exchange -> handle(exchange, base));
        server.start();
        return Map.of("snapshot.github.api-url", base, "snapshot.github.token", TOKEN,
                "snapshot.github.repositories", "FlowFuse/flowfuse,node-red/node-red",
                "snapshot.github.max-rate-limit-wait", "10s");
    }

    private static void handle(HttpExchange exchange, String base) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
        REQUESTS.add(exchange.getRequestMethod() + " " + path + "?" + query + " auth="
                + exchange.getRequestHeaders().getFirst("Authorization"));
        Instant day = NOW.minusSeconds(86_400);
        switch (path) {
            case "/repos/FlowFuse/flowfuse/pulls" -> {
                if (!query.contains("page=2")) {
                    // merged yesterday (1, 2), closed unmerged (3), merged 10 days ago (4)
                    exchange.getResponseHeaders().add("Link", "<" + base + "/repos/FlowFuse/flowfuse/pulls?state=closed"
                            + "&sort=updated&direction=desc&per_page=100&page=2>; rel=\"next\", <" + base
                            + "/repos/FlowFuse/flowfuse/pulls?page=2>; rel=\"last\"");
                    send(exchange, 200, "[" + pr(1, day, day) + "," + pr(2, day, day) + "," + pr(3, null, day) + ","
                            + pr(4, day.minusSeconds(9 * 86_400), day.minusSeconds(9 * 86_400)) + "]");
                } else if (RATE_LIMITED.compareAndSet(false, true)) {
                    exchange.getResponseHeaders().add("x-ratelimit-remaining", "0");
                    exchange.getResponseHeaders().add("x-ratelimit-reset",
                            String.valueOf(Instant.now().getEpochSecond() + 1));
                    send(exchange, 403, "{\"message\":\"API rate limit exceeded\"}");
                } else {
                    // merged 20 days ago (5); then one updated 400 days ago: older than any since, the end
                    send(exchange, 200, "[" + pr(5, day.minusSeconds(19 * 86_400), day.minusSeconds(19 * 86_400)) + ","
                            + pr(6, day.minusSeconds(399 * 86_400), day.minusSeconds(399 * 86_400)) + "]");
                }
            }
            case "/repos/node-red/node-red/pulls" -> send(exchange, 200, "[" + pr(7, day, day) + "]");
            default -> send(exchange, 404, "{\"message\":\"Not Found\"}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
