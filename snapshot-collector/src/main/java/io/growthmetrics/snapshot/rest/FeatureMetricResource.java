package io.growthmetrics.snapshot.rest;

import io.growthmetrics.support.ProblemReplies;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.rules.DailySnapshotRules;
import io.growthmetrics.contracts.rules.StorableText;
import io.growthmetrics.contracts.snapshot.FeatureMetric;
import io.growthmetrics.snapshot.domain.FeatureMetrics;
import io.growthmetrics.snapshot.domain.InvalidMetricException;
import io.growthmetrics.snapshot.domain.MetricHistory;
import io.growthmetrics.snapshot.messaging.MetricPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The HTTP way onto {@code feature-adoption.metrics.v1}, for tools that do not speak Kafka. */
@Path("/api/v1/feature-metrics")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class FeatureMetricResource {

    public static final int MAX_ITEMS = 1000;
    private static final List<String> BODY = List.of("body");
    private static final Logger LOG = Logger.getLogger(FeatureMetricResource.class);

    private final MetricPublisher publisher;
    private final MeterRegistry registry;
    private final MetricHistory history;

    public FeatureMetricResource(MetricPublisher publisher, MeterRegistry registry, MetricHistory history) {
        this.publisher = publisher;
        this.registry = registry;
        this.history = history;
    }

    @POST
    @Operation(summary = "Publish feature-adoption observations",
            description = "One observation or an array of up to 1000; published to feature-adoption.metrics.v1 (key = "
                    + "metric) and answered 202 once Kafka has them all. They appear in the snapshot of the day of their "
                    + "observedAt, and in every later one until a newer observation. 400 problem+json (detail, field, errors) listing "
                    + "every problem (nothing is published then); 401 without the right `Authorization: Bearer "
                    + "<METRICS_ADMIN_TOKEN>`; 503 when Kafka is unavailable or no token is configured.")
    @RequestBody(description = "JSON {\"metric\": name of [A-Za-z0-9_.:-], at most 200 chars, \"value\": number, "
            + "\"observedAt\": ISO-8601 instant (default: now), \"source\": who publishes it, \"labels\": optional "
            + "{string: string}}, or an array of them.")
    public Response publish(byte[] body) {
        JsonNode json;
        try {
            if (body == null || body.length == 0) {
                return counted("rejected", ProblemReplies.error(400, "Empty body: send a JSON observation or an array of them",
                        null, BODY));
            }
            String utf8 = StorableText.utf8Problem(body);
            if (utf8 != null) {
                return counted("rejected", ProblemReplies.error(400, "The body " + utf8, null, BODY));
            }
            json = RequestJson.READER.readTree(body);
        } catch (JacksonException e) {
            return counted("rejected", ProblemReplies.error(400, "Body is not JSON: " + safe(e.getOriginalMessage()), null,
                    BODY));
        } catch (IOException | RuntimeException e) {
            return counted("rejected", ProblemReplies.error(400, "Body is not JSON", null, BODY));
        }
        if (json == null || json.isMissingNode()) {
            return counted("rejected", ProblemReplies.error(400, "Empty body: send a JSON observation or an array of them",
                    null, BODY));
        }
        Instant now = Instant.now();
        List<FeatureMetric> metrics = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        if (json.isArray()) {
            if (json.isEmpty()) {
                return counted("rejected", ProblemReplies.error(400, "The array is empty: nothing to publish", null, BODY));
            }
            if (json.size() > MAX_ITEMS) {
                return counted("rejected", ProblemReplies.error(400, "At most " + MAX_ITEMS + " observations per request",
                        null, BODY));
            }
            for (int i = 0; i < json.size(); i++) {
                read(json.get(i), now, "[" + i + "] ", metrics, problems, fields);
            }
        } else {
            read(json, now, "", metrics, problems, fields);
        }
        if (!problems.isEmpty()) {
            return counted("rejected", ProblemReplies.error(400, String.join("; ", problems), problems, fields));
        }
        long newSeries = metrics.stream().map(FeatureMetric::seriesName).distinct().filter(n -> !history.has(n)).count();
        if (history.seriesCount() + newSeries > DailySnapshotRules.MAX_METRICS) {
            return counted("rejected", ProblemReplies.error(400, "A snapshot holds at most " + DailySnapshotRules.MAX_METRICS
                    + " series; these observations would start " + newSeries + " new ones beyond that", null,
                    List.of("metric")));
        }
        try {
            publisher.publishAll(Topics.FEATURE_ADOPTION_METRICS_V1, metrics, FeatureMetric::metric);
        } catch (MetricPublisher.UnavailableException e) {
            LOG.warnf("%d feature metrics not published: %s", metrics.size(), e.getMessage());
            return counted("unavailable", ProblemReplies.error(503, "Metric store temporarily unavailable, retry later"));
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("published", metrics.size());
        reply.put("metrics", metrics);
        return counted("published", ProblemReplies.json(202, reply).build());
    }

    private static void read(JsonNode item, Instant now, String prefix, List<FeatureMetric> metrics,
            List<String> problems, List<String> fields) {
        try {
            metrics.add(FeatureMetrics.parse(item, now, true, prefix, now));
        } catch (InvalidMetricException e) {
            problems.addAll(e.problems());
            e.fields().stream().filter(f -> !fields.contains(f)).forEach(fields::add);
        }
    }

    /** A parser's message, without what PostgreSQL or a terminal could not take, and short. */
    private static String safe(String message) {
        if (message == null) {
            return "";
        }
        String clean = message.replace('\u0000', '?').replaceAll("[\\uD800-\\uDFFF]", "?");
        return clean.length() <= 300 ? clean : clean.substring(0, 300) + "…";
    }

    private Response counted(String outcome, Response response) {
        registry.counter("snapshot.feature-metrics.requests", "outcome", outcome).increment();
        return response;
    }
}
