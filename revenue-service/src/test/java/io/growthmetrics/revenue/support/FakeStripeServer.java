package io.growthmetrics.revenue.support;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A local stand-in for the Stripe API (JDK HTTP server on 127.0.0.1): answers the few GET requests revenue-service
 * makes with JSON in the real API shape, recording every request. Pages of {@code GET /v1/subscriptions} are
 * chosen by {@code starting_after}, as Stripe does.
 */
public final class FakeStripeServer implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String path, String query, String authorization, String stripeVersion) {

        public String param(String name) {
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    public final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Subscription list pages: key = the starting_after that leads to the page ("" for the first). */
    public final Map<String, JsonObject> subscriptionPages = new ConcurrentHashMap<>();
    public final Map<String, JsonObject> subscriptions = new ConcurrentHashMap<>();
    public final Map<String, JsonObject> coupons = new ConcurrentHashMap<>();
    public final Map<String, JsonObject> prices = new ConcurrentHashMap<>();
    /** How many more times the page after this starting_after answers 500. */
    public final Map<String, AtomicInteger> pageFailures = new ConcurrentHashMap<>();
    /** Subscription ids whose retrieval answers 500. */
    public final Map<String, Boolean> brokenSubscriptions = new ConcurrentHashMap<>();
    public volatile long listDelayMillis;

    public FakeStripeServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "fake-stripe");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/v1/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requestsTo(String pathPrefix) {
        return requests.stream().filter(r -> r.path().startsWith(pathPrefix)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            Request request = new Request(exchange.getRequestMethod(), path, query,
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Stripe-Version"));
            requests.add(request);
            if (!"GET".equals(request.method())) {
                send(exchange, 405, error("invalid_request_error", null, "Only GET is served here"));
                return;
            }
            if (path.equals("/v1/subscriptions")) {
                if (listDelayMillis > 0) {
                    Thread.sleep(listDelayMillis);
                }
                String after = request.param("starting_after") == null ? "" : request.param("starting_after");
                AtomicInteger failures = pageFailures.get(after);
                if (failures != null && failures.getAndDecrement() > 0) {
                    send(exchange, 500, error("api_error", null, "An unknown error occurred"));
                    return;
                }
                JsonObject page = subscriptionPages.get(after);
                if (page == null) {
                    send(exchange, 400, error("invalid_request_error", "resource_missing",
                            "No such subscription: '" + after + "'"));
                    return;
                }
                send(exchange, 200, StripeJson.json(page));
                return;
            }
            answer(exchange, path, "/v1/subscriptions/", subscriptions, id -> {
                if (brokenSubscriptions.containsKey(id)) {
                    return 500;
                }
                return 0;
            });
            if (exchange.getResponseCode() == -1) {
                answer(exchange, path, "/v1/coupons/", coupons, id -> 0);
            }
            if (exchange.getResponseCode() == -1) {
                answer(exchange, path, "/v1/prices/", prices, id -> 0);
            }
            if (exchange.getResponseCode() == -1) {
                send(exchange, 404, error("invalid_request_error", null, "Unrecognized request URL (GET: " + path + ")"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void answer(HttpExchange exchange, String path, String prefix, Map<String, JsonObject> objects,
            Function<String, Integer> forcedStatus) throws IOException {
        if (!path.startsWith(prefix) || path.length() == prefix.length()) {
            return;
        }
        String id = URLDecoder.decode(path.substring(prefix.length()), StandardCharsets.UTF_8);
        int forced = forcedStatus.apply(id);
        if (forced != 0) {
            send(exchange, forced, error("api_error", null, "An unknown error occurred"));
            return;
        }
        JsonObject object = objects.get(id);
        if (object == null) {
            String kind = prefix.substring(4, prefix.length() - 2);
            send(exchange, 404, error("invalid_request_error", "resource_missing", "No such " + kind + ": '" + id + "'"));
            return;
        }
        send(exchange, 200, StripeJson.json(object));
    }

    private static String error(String type, String code, String message) {
        JsonObject error = new JsonObject();
        error.addProperty("type", type);
        if (code != null) {
            error.addProperty("code", code);
        }
        error.addProperty("message", message);
        JsonObject body = new JsonObject();
        body.add("error", error);
        return StripeJson.json(body);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_fake");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
