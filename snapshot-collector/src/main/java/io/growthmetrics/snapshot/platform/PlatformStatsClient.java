package io.growthmetrics.snapshot.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Reads {@code GET {platform}/api/v1/admin/stats} with a bearer token: a timeout per try, and up to {@code attempts}
 * tries with doubling back-off on timeouts, connection errors, 5xx and 429. Other answers (401, 403, 404, not JSON)
 * are not retried: trying again would not change them.
 */
public class PlatformStatsClient {

    /** The stats could not be read; the message goes into the day's snapshot as its failure. */
    public static class PlatformException extends Exception {
        public PlatformException(String message) {
            super(message);
        }
    }

    private static final Logger LOG = Logger.getLogger(PlatformStatsClient.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private final URI statsUri;
    private final String token;
    private final Duration requestTimeout;
    private final int attempts;
    private final Duration backoff;
    private final HttpClient http;

    public PlatformStatsClient(String baseUrl, String token, Duration connectTimeout, Duration requestTimeout,
            int attempts, Duration backoff) {
        String base = baseUrl.trim().replaceAll("/+$", "");
        this.statsUri = URI.create(base + "/api/v1/admin/stats");
        this.token = token == null ? "" : token.trim();
        this.requestTimeout = requestTimeout;
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI statsUri() {
        return statsUri;
    }

    public JsonNode fetch() throws PlatformException {
        String lastError = null;
        boolean retriable = true;
        long wait = backoff.toMillis();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                sleep(wait);
                wait *= 2;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(statsUri).timeout(requestTimeout)
                    .header("Accept", "application/json").GET();
            if (!token.isEmpty()) {
                request.header("Authorization", "Bearer " + token);
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    try {
                        return JSON.readTree(response.body());
                    } catch (com.fasterxml.jackson.core.JacksonException e) {
                        throw new PlatformException("the admin stats are not JSON: " + e.getOriginalMessage());
                    }
                }
                lastError = "HTTP " + status;
                retriable = status >= 500 || status == 429;
            } catch (HttpTimeoutException e) {
                lastError = "timed out (" + requestTimeout.toMillis() + " ms)";
            } catch (IOException e) {
                lastError = "unreachable (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("interrupted");
            }
            if (!retriable) {
                throw new PlatformException(lastError + " (not retried)");
            }
            LOG.warnf("Platform admin stats, try %d of %d: %s", attempt, attempts, lastError);
        }
        throw new PlatformException(lastError + " after " + attempts + (attempts == 1 ? " try" : " tries"));
    }

    private static void sleep(long millis) throws PlatformException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted");
        }
    }
}
