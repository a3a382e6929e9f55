package io.growthmetrics.snapshot.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.kpi.KpiObservation;
import io.growthmetrics.contracts.rules.KpiObservationRules;
import io.growthmetrics.contracts.rules.StorableText;
import io.growthmetrics.contracts.rules.Violations;
import io.growthmetrics.snapshot.messaging.MetricPublisher;
import io.growthmetrics.support.ProblemReplies;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Figures of a KPI owned by another system (MQLs, …) over HTTP, for tools that cannot publish to Kafka themselves:
 * each is published to {@code kpi.observations.v1} under the path's key, exactly as a tool publishing directly would.
 * Any valid key is taken: kpi-service keeps figures of a key no KPI is defined for yet.
 */
@Path("/api/v1/kpis/{key}/observations")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class KpiObservationResource {

    public static final int MAX_ITEMS = 1000;
    private static final Set<String> FIELDS = Set.of("kpi", "value", "period", "observedAt", "source");
    private static final List<String> BODY = List.of("body");
    private static final Logger LOG = Logger.getLogger(KpiObservationResource.class);

    private final MetricPublisher publisher;
    private final MeterRegistry registry;

    public KpiObservationResource(MetricPublisher publisher, MeterRegistry registry) {
        this.publisher = publisher;
        this.registry = registry;
    }

    @POST
    @Operation(summary = "Publish figures of a KPI",
            description = "One observation {\"value\", \"period\" (ISO week, 2026-W47) or \"observedAt\" (instant), "
                    + "\"source\"} or an array of up to 1000, published to kpi.observations.v1 (key = the KPI's key) and "
                    + "answered 202 once Kafka has them all. 400 problem+json naming the field (nothing is published then); "
                    + "401 without the right bearer token; 503 when Kafka is unavailable.")
    public Response publish(@PathParam("key") String key, byte[] body) {
        Violations keyProblems = KpiObservationRules.key(new Violations(), "key", key);
        if (!keyProblems.isEmpty()) {
            return counted("rejected", ProblemReplies.error(400, keyProblems.summary(), keyProblems.list(),
                    keyProblems.fields()));
        }
        JsonNode json = null;
        String utf8 = body == null || body.length == 0 ? "is empty" : StorableText.utf8Problem(body);
        if (utf8 == null) {
            try {
                json = RequestJson.READER.readTree(body);
            } catch (Exception e) {
                utf8 = "is not JSON";
            }
        }
        if (json == null || json.isMissingNode() || !(json.isObject() || json.isArray())) {
            return counted("rejected", ProblemReplies.error(400, "The body " + (utf8 == null ? "is not a JSON object"
                    + " or array" : utf8) + ": send {\"value\", \"period\" or \"observedAt\", \"source\"} or an array of "
                    + "them", null, BODY));
        }
        if (json.isArray() && (json.isEmpty() || json.size() > MAX_ITEMS)) {
            return counted("rejected", ProblemReplies.error(400, "Send 1 to " + MAX_ITEMS + " observations per request",
                    null, BODY));
        }
        List<JsonNode> items = new ArrayList<>();
        if (json.isArray()) {
            json.forEach(items::add);
        } else {
            items.add(json);
        }
        Instant now = Instant.now();
        List<KpiObservation> observations = new ArrayList<>();
        Violations all = new Violations();
        for (int i = 0; i < items.size(); i++) {
            String prefix = json.isArray() ? "[" + i + "]." : "";
            Violations v = new Violations();
            KpiObservation observation = read(key, items.get(i), v, prefix);
            if (observation != null && v.isEmpty()) {
                v.addAll(KpiObservationRules.check(observation, now).prefixed(prefix));
            }
            all.addAll(v);
            if (observation != null) {
                observations.add(observation);
            }
        }
        if (!all.isEmpty()) {
            return counted("rejected", ProblemReplies.error(400, all.summary(), all.list(), all.fields()));
        }
        try {
            publisher.publishAll(Topics.KPI_OBSERVATIONS_V1, observations, o -> key);
        } catch (MetricPublisher.UnavailableException e) {
            LOG.warnf("%d KPI figures not published: %s", observations.size(), e.getMessage());
            return counted("unavailable", ProblemReplies.error(503, "Kafka is unavailable, retry later"));
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("published", observations.size());
        reply.put("observations", observations);
        return counted("published", ProblemReplies.json(202, reply).build());
    }

    /** The observation an item describes, strictly: no coercion, no unknown field; problems added to {@code v}. */
    private static KpiObservation read(String key, JsonNode item, Violations v, String prefix) {
        if (!item.isObject()) {
            v.field(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1), prefix + "must be a JSON object");
            return null;
        }
        item.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                v.field(prefix + name, "'" + prefix + name + "' is not a field of an observation (value, period, "
                        + "observedAt, source)");
            }
        });
        JsonNode kpi = item.path("kpi");
        if (!kpi.isMissingNode() && !(kpi.isTextual() && kpi.textValue().equals(key))) {
            v.field(prefix + "kpi", "'" + prefix + "kpi' must be the path's key when given");
        }
        JsonNode value = item.path("value");
        BigDecimal number = value.isNumber() ? value.decimalValue() : null;
        if (!value.isMissingNode() && number == null) {
            v.field(prefix + "value", "'" + prefix + "value' must be a JSON number");
        }
        String period = textOrProblem(item, "period", v, prefix);
        String source = textOrProblem(item, "source", v, prefix);
        String observedAtText = textOrProblem(item, "observedAt", v, prefix);
        Instant observedAt = null;
        if (observedAtText != null) {
            try {
                observedAt = Instant.parse(observedAtText);
            } catch (DateTimeParseException e) {
                v.field(prefix + "observedAt", "'" + prefix + "observedAt' must be an ISO-8601 instant such as "
                        + "2026-11-20T10:00:00Z");
            }
        }
        return new KpiObservation(key, number, period, observedAt, source);
    }

    private static String textOrProblem(JsonNode item, String field, Violations v, String prefix) {
        JsonNode node = item.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            v.field(prefix + field, "'" + prefix + field + "' must be a JSON string");
            return null;
        }
        return node.textValue();
    }

    private Response counted(String outcome, Response response) {
        registry.counter("snapshot.kpi-observations.requests", "outcome", outcome).increment();
        return response;
    }
}
