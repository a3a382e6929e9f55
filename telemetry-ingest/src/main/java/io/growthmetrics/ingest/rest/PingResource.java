package io.growthmetrics.ingest.rest;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;
import io.growthmetrics.ingest.config.IngestConfig;
import io.growthmetrics.ingest.domain.InvalidPingException;
import io.growthmetrics.ingest.domain.PingEvents;
import io.growthmetrics.ingest.domain.PingParser;
import io.growthmetrics.ingest.messaging.PingPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Receives the usage pings of FlowFuse installations exactly where and as the original collector did
 * ({@code POST /ping}, and {@code POST /} for senders configured with the bare host), and answers as it did.
 * A 200 means Kafka has the ping.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class PingResource {

    private static final Logger LOG = Logger.getLogger(PingResource.class);
    private static final ObjectReader JSON = EventJson.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final PingParser parser;
    private final PingEvents events;
    private final PingPublisher publisher;
    private final IngestConfig config;
    private final MeterRegistry registry;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public PingResource(PingParser parser, PingEvents events, PingPublisher publisher, IngestConfig config,
            MeterRegistry registry) {
        this.parser = parser;
        this.events = events;
        this.publisher = publisher;
        this.config = config;
        this.registry = registry;
    }

    @POST
    @Path("ping")
    @Operation(summary = "Receive a usage ping", description = "The JSON object a FlowFuse installation sends daily. "
            + "200 {\"status\":\"success\"} once Kafka has it; 400 for a bad ping; 413 above the size limit; 503 while Kafka is unreachable.")
    public Response ping(InputStream body, @Context HttpServerRequest request) {
        return receive(body, request);
    }

    @POST
    @Operation(summary = "Receive a usage ping (bare host)", description = "Same as POST /ping.")
    public Response pingAtRoot(InputStream body, @Context HttpServerRequest request) {
        return receive(body, request);
    }

    private Response receive(InputStream body, HttpServerRequest request) {
        int limit = config.maxPingBytes();
        String declaredLength = request.getHeader("Content-Length");
        if (declaredLength != null && declaredLength.matches("\\d{1,18}") && Long.parseLong(declaredLength) > limit) {
            return outcome("too_large", CollectorReply.error(413, "Ping body larger than " + limit + " bytes"));
        }
        byte[] bytes;
        try {
            bytes = body.readNBytes(limit + 1);
        } catch (IOException e) {
            return outcome("rejected", CollectorReply.error(400, "Could not read the request body: " + e.getMessage()));
        }
        if (bytes.length > limit) {
            return outcome("too_large", CollectorReply.error(413, "Ping body larger than " + limit + " bytes"));
        }
        if (bytes.length == 0) {
            return outcome("rejected", CollectorReply.error(400, "Missing request body"));
        }
        TelemetryPingEvent event;
        try {
            JsonNode json = JSON.readTree(bytes);
            event = events.live(parser.parse(json), clock.instant(), request.remoteAddress() == null ? null
                    : request.remoteAddress().hostAddress());
        } catch (JacksonException e) {
            return outcome("rejected", CollectorReply.error(400, "Request body is not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return outcome("rejected", CollectorReply.error(400, "Could not read the request body: " + e.getMessage()));
        } catch (InvalidPingException e) {
            return outcome("rejected", CollectorReply.error(400, e.getMessage()));
        }
        try {
            publisher.publish(event).get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("Ping from %s not stored, Kafka unavailable: %s", event.ping().instanceId(),
                    e.getCause() == null ? e.toString() : e.getCause().toString());
            return outcome("unavailable", CollectorReply.error(503, "Telemetry store temporarily unavailable, try again later"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outcome("unavailable", CollectorReply.error(503, "Telemetry collector shutting down"));
        }
        return outcome("accepted", CollectorReply.success());
    }

    private Response outcome(String outcome, Response response) {
        registry.counter("telemetry.pings.received", "outcome", outcome).increment();
        return response;
    }
}
