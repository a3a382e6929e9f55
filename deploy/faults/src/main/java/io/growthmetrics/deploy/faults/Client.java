package io.growthmetrics.deploy.faults;

import com.stripe.net.Webhook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;

/**
 * The requests the harness sends, each recorded in a {@link Tally}. The client waits {@link #TIMEOUT} for an answer:
 * no answer by then is a hang (status -1), far beyond any service's configured bound.
 */
public final class Client {

    /** A request not answered within this is a hang. */
    public static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("faults.client-timeout-seconds", 45));

    /** An answer. */
    public record Answer(int status, String body, String contentType, long millis) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final FaultStack stack;

    public Client(FaultStack stack) {
        this.stack = stack;
    }

    public static Answer send(HttpRequest request) throws InterruptedException {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (HttpTimeoutException e) {
            return new Answer(-1, "no answer within " + TIMEOUT.toSeconds() + " s", "", (System.nanoTime() - start) / 1_000_000);
        } catch (ConnectException e) {
            return new Answer(-2, "connection refused: " + e, "", (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            return new Answer(-3, "connection failed: " + e, "", (System.nanoTime() - start) / 1_000_000);
        }
    }

    public static Answer post(String url, String contentType, byte[] body, Map<String, String> headers)
            throws InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        return send(b.build());
    }

    public static Answer get(String url) throws InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build());
    }

    private static Answer recorded(Tally tally, String id, Answer a) {
        tally.record(id, a.status(), a.millis(), a.body());
        return a;
    }

    /** POST /ping with a valid ping of installation {@code instanceId}. */
    public Answer ping(Tally tally, String instanceId) throws InterruptedException {
        return ping(tally, stack.url(io.growthmetrics.deploy.local.ServiceSpec.TELEMETRY_INGEST), instanceId);
    }

    /** POST /ping with a valid ping of installation {@code instanceId} to the telemetry-ingest at {@code baseUrl}. */
    public static Answer ping(Tally tally, String baseUrl, String instanceId) throws InterruptedException {
        byte[] body = Payloads.ping(instanceId).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return recorded(tally, instanceId, post(baseUrl + "/ping", "application/json", body, Map.of()));
    }

    /** POST /api/v1/feature-metrics with one observation; id = the metric name. */
    public Answer featureMetric(Tally tally, String metric, long value, java.time.Instant observedAt)
            throws InterruptedException {
        byte[] body = Payloads.featureMetric(metric, value, observedAt).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return recorded(tally, metric, post(stack.url(io.growthmetrics.deploy.local.ServiceSpec.SNAPSHOT_COLLECTOR)
                + "/api/v1/feature-metrics", "application/json", body, bearer()));
    }

    /** POST /admin/snapshots/{day}; id = the day. */
    public Answer snapshot(Tally tally, java.time.LocalDate day) throws InterruptedException {
        return recorded(tally, day.toString(), post(stack.url(io.growthmetrics.deploy.local.ServiceSpec.SNAPSHOT_COLLECTOR)
                + "/admin/snapshots/" + day, "application/json", new byte[0], bearer()));
    }

    /** A signed Stripe webhook (signed now, as Stripe signs each delivery); id = the event id. */
    public Answer webhook(Tally tally, String eventId, String json) throws InterruptedException {
        String signature;
        try {
            signature = Webhook.Signature.generateSignatureHeader(json, stack.webhookSecret());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return recorded(tally, eventId, post(stack.url(io.growthmetrics.deploy.local.ServiceSpec.REVENUE_SERVICE)
                + "/stripe/webhook", "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("Stripe-Signature", signature)));
    }

    private Map<String, String> bearer() {
        return Map.of("Authorization", "Bearer " + stack.adminToken());
    }
}
