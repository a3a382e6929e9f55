package io.growthmetrics.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.rules.TelemetryPingRules;
import io.growthmetrics.contracts.rules.Violations;
import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;
import io.growthmetrics.ingest.config.IngestConfig;
import io.growthmetrics.ingest.domain.InvalidPingException;
import io.growthmetrics.ingest.domain.PingEvents;
import io.growthmetrics.ingest.domain.PingJson;
import io.growthmetrics.ingest.domain.RateLimiter;
import io.growthmetrics.ingest.domain.PingParser;
import io.growthmetrics.ingest.messaging.PingPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Receives the usage pings of FlowFuse installations exactly where and as the original collector did
 * ({@code POST /ping}, and {@code POST /} for senders configured with the bare host), and answers as it did.
 * A 200 means Kafka has the ping.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class PingResource {

    private static final Logger LOG = Logger.getLogger(PingResource.class);
    private final PingParser parser;
    private final PingEvents events;
    private final PingPublisher publisher;
    private final IngestConfig config;
    private final MeterRegistry registry;
    private final PingJson pingJson;
    private final RateLimiter rateLimiter;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public PingResource(PingParser parser, PingEvents events, PingPublisher publisher, IngestConfig config,
            MeterRegistry registry, PingJson pingJson, RateLimiter rateLimiter) {
        this.pingJson = pingJson;
        this.rateLimiter = rateLimiter;
        this.parser = parser;
        this.events = events;
        this.publisher = publisher;
        this.config = config;
        this.registry = registry;
    }

    /** Each outcome exists from the start at 0, so a rate over it shows the first refusal and "none" reads as 0. */
    void countOutcomesFromZero(@Observes StartupEvent start) {
        for (String outcome : List.of("accepted", "rejected", "too_large", "rate_limited", "unavailable")) {
            registry.counter("telemetry.pings.received", "outcome", outcome);
        }
    }

    @POST
    @NonBlocking
    @Path("ping")
    @Operation(summary = "Receive a usage ping", description = "The JSON object a FlowFuse installation sends daily. "
            + "200 {\"status\":\"success\"} once Kafka has it; 400 for a bad ping (the message names the field and the rule); "
            + "413 above the size limit; 429 above the optional per-sender rate limit; 503 (Retry-After) while Kafka is "
            + "unreachable.")
    public CompletionStage<Response> ping(InputStream body, @Context HttpServerRequest request) {
        return receive(body, request);
    }

    @POST
    @NonBlocking
    @Operation(summary = "Receive a usage ping (bare host)", description = "Same as POST /ping.")
    public CompletionStage<Response> pingAtRoot(InputStream body, @Context HttpServerRequest request) {
        return receive(body, request);
    }

    /**
     * Runs on the I/O thread (@NonBlocking): quarkus-rest buffers a body of up to quarkus.rest.input-buffer-size
     * (10 KiB; a ping is ~1 KiB) before calling, so reading it here does not block, and a larger body is handed to a
     * worker thread with a blocking stream, read here only up to the limit. Handing every ping to a worker thread
     * halved the requests/s this machine serves (docs/performance.md). The reply completes from the producer's
     * callback when Kafka acknowledges, so waiting for the broker holds no thread.
     */
    private CompletionStage<Response> receive(InputStream body, HttpServerRequest request) {
        // The keyed hash is all that is kept of the sender's address, for the event and the rate limit alike.
        String senderHash = events.senderHash(request.remoteAddress() == null ? null : request.remoteAddress().hostAddress());
        long wait = rateLimiter.secondsToWait(senderHash);
        if (wait > 0) {
            return answered("rate_limited", CollectorReply.tooManyRequests(wait));
        }
        int limit = config.limits().bodyBytes();
        String declaredLength = request.getHeader("Content-Length");
        if (declaredLength != null && declaredLength.matches("\\d{1,18}") && Long.parseLong(declaredLength) > limit) {
            return answered("too_large", CollectorReply.error(413, "Ping body larger than " + limit
                    + " bytes (ingest.limits.body-bytes)"));
        }
        byte[] bytes;
        try {
            bytes = body.readNBytes(limit + 1);
        } catch (IOException | RuntimeException e) {
            return answered("rejected", CollectorReply.error(400, "Could not read the request body"));
        }
        if (bytes.length > limit) {
            return answered("too_large", CollectorReply.error(413, "Ping body larger than " + limit
                    + " bytes (ingest.limits.body-bytes)"));
        }
        TelemetryPingEvent event;
        try {
            JsonNode json = pingJson.read(bytes);
            Instant now = clock.instant();
            event = events.liveFromHash(parser.parse(json), now, senderHash);
            // The one rule set kpi-service checks again before storing: nothing it cannot store is acknowledged.
            Violations violations = TelemetryPingRules.check(event, now, config.limits().json());
            if (!violations.isEmpty()) {
                throw new InvalidPingException(violations.summary());
            }
        } catch (InvalidPingException e) {
            return answered("rejected", CollectorReply.error(400, e.getMessage()));
        }
        // One bound for the whole wait: a send blocked on metadata counts against it too.
        long deadline = System.nanoTime() + config.publishTimeout().toNanos();
        CompletableFuture<?> acked = publisher.publish(event);
        return acked.orTimeout(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).handle((stored, error) -> {
            if (error == null) {
                return outcome("accepted", CollectorReply.success());
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            LOG.warnf("A ping was not stored, Kafka unavailable: %s", cause.getClass().getSimpleName());
            return outcome("unavailable", CollectorReply.error(503, "Telemetry store temporarily unavailable, try again later"));
        });
    }

    private CompletionStage<Response> answered(String outcome, Response response) {
        return CompletableFuture.completedFuture(outcome(outcome, response));
    }

    private Response outcome(String outcome, Response response) {
        registry.counter("telemetry.pings.received", "outcome", outcome).increment();
        return response;
    }
}
