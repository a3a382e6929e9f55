package io.growthmetrics.snapshot.support;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local platform serving {@code GET /api/v1/admin/stats}: the replies queued by a test (status, body, delay), then
 * {@link #STATS} with 200. As a test resource it points {@code snapshot.platform.url} at itself.
 */
public class FakePlatform implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "ffpat_stats_test_token";

    /** An admin-stats answer of FlowFuse Cloud, with fields the collector does not know and non-numbers. */
    public static final String STATS = """
            {"userCount":1523,"adminCount":4,"maxUsers":10000,"maxTeams":5000,"maxInstances":20000,"maxDevices":50000,
             "inviteCount":17,"teamCount":412,
             "teamsByType":{"Starter":301,"Team":88,"Enterprise":23},
             "instanceCount":640,"instancesByState":{"running":598,"suspended":41,"deleting":1},
             "deviceCount":2210,"devicesByMode":{"autonomous":2001,"developer":209},
             "devicesByLastSeen":{"never":88,"day":702,"week":410,"month":512,"older":498},
             "mqttClientCount":175,"maxMqttClients":1000,
             "teamsByBillingState":{"active":201,"canceled":12,"past_due":3,"trial":180,"unmanaged":16},
             "trialsByState":{"none":40,"created":60,"week_email_sent":50,"day_email_sent":20,"ended":10},
             "tablesDatabaseCount":37,"licenseType":"EE","billingEnabled":true,"note":null}
            """;

    public record Reply(int status, String body, long delayMillis) {
    }

    private static final ConcurrentLinkedDeque<Reply> REPLIES = new ConcurrentLinkedDeque<>();
    private static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ExecutorService executor;

    public static void reset(Reply... replies) {
        REPLIES.clear();
        AUTHORIZATIONS.clear();
        REPLIES.addAll(List.of(replies));
    }

    /** The Authorization header of every request so far (since the last reset). */
    public static List<String> requests() {
        return List.copyOf(AUTHORIZATIONS);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/api/v1/admin/stats", exchange -> {
            AUTHORIZATIONS.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            Reply reply = REPLIES.poll();
            if (reply == null) {
                reply = new Reply(200, STATS, 0);
            }
            try {
                if (reply.delayMillis() > 0) {
                    Thread.sleep(reply.delayMillis());
                }
                byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(reply.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client gave up (timeout)
            } finally {
                exchange.close();
            }
        });
        server.start();
        return Map.of("snapshot.platform.url", "http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
