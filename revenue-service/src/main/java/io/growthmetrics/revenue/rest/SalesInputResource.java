package io.growthmetrics.revenue.rest;

import io.growthmetrics.support.ProblemReplies;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.revenue.CarrGoalEvent;
import io.growthmetrics.contracts.revenue.ContractEvent;
import io.growthmetrics.contracts.rules.StorableText;
import io.growthmetrics.revenue.domain.InvalidInputException;
import io.growthmetrics.revenue.domain.SalesInput;
import io.growthmetrics.revenue.messaging.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * Sales inputs for CARR, which come from sales, not Stripe: contracts ({@code revenue.contracts.v1}) and quarterly
 * goals ({@code revenue.carr-goals.v1}). Each accepted request is answered once Kafka has the event.
 */
@Path("/api/v1")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class SalesInputResource {

    private static final Logger LOG = Logger.getLogger(SalesInputResource.class);
    private static final ObjectReader JSON = EventJson.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String CONTRACT_BODY = "JSON: {\"contractId\" (optional on POST), \"customer\", "
            + "\"annualValueCents\" (whole number ≥ 0), \"currency\" (3 letters, stored lower-case), "
            + "\"status\": \"signed\"|\"pipeline\", \"signedDate\" (required when signed), \"expectedCloseDate\" "
            + "(required for pipeline), \"startDate\"}; dates YYYY-MM-DD.";

    private final EventPublisher publisher;
    private final MeterRegistry registry;

    public SalesInputResource(EventPublisher publisher, MeterRegistry registry) {
        this.publisher = publisher;
        this.registry = registry;
    }

    @POST
    @Path("contracts")
    @Operation(summary = "Record a new contract",
            description = "The server gives it a contractId (a UUID) unless the body has one. 201 with the contract as "
                    + "published to revenue.contracts.v1 (key contractId); 400 problem+json naming the field (and "
                    + "listing every problem); 401 without the right `Authorization: Bearer <METRICS_ADMIN_TOKEN>`; 503 when Kafka is "
                    + "unavailable or no token is configured.")
    @RequestBody(description = CONTRACT_BODY)
    public Response create(byte[] body) {
        return contract(body, null);
    }

    @PUT
    @Path("contracts/{contractId}")
    @Operation(summary = "Create or replace a contract",
            description = "The whole contract as it now stands (a replacement, not a patch); the latest one published "
                    + "per contractId wins. 200 with the contract; errors as for POST.")
    @RequestBody(description = CONTRACT_BODY)
    public Response replace(@PathParam("contractId") String contractId, byte[] body) {
        return contract(body, contractId);
    }

    @PUT
    @Path("carr-goals/{quarter}")
    @Operation(summary = "Set a quarter's CARR goal",
            description = "Quarter like 2026-Q4; body {\"goalCents\" (whole number ≥ 0), \"currency\" (3 letters)}. "
                    + "Published to revenue.carr-goals.v1 (key = quarter; the latest wins). 200 with the goal.")
    public Response goal(@PathParam("quarter") String quarter, byte[] body) {
        CarrGoalEvent event;
        try {
            event = SalesInput.goal(parse(body), quarter, UUID.randomUUID().toString(), Instant.now());
        } catch (InvalidInputException e) {
            return counted("carr-goal", "rejected", ProblemReplies.error(400, e.getMessage(), e.problems(), e.fields()));
        }
        try {
            publisher.publishAndWait(Topics.REVENUE_CARR_GOALS_V1, event.quarter(), event);
        } catch (EventPublisher.UnavailableException e) {
            LOG.warnf("CARR goal for %s not stored: %s", event.quarter(), e.getMessage());
            return counted("carr-goal", "unavailable", ProblemReplies.error(503, "Revenue store temporarily unavailable, retry later"));
        }
        return counted("carr-goal", "published", ProblemReplies.json(200, event).build());
    }

    private Response contract(byte[] body, String pathId) {
        ContractEvent event;
        try {
            event = SalesInput.contract(parse(body), pathId, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    Instant.now());
        } catch (InvalidInputException e) {
            return counted("contract", "rejected", ProblemReplies.error(400, e.getMessage(), e.problems(), e.fields()));
        }
        try {
            publisher.publishAndWait(Topics.REVENUE_CONTRACTS_V1, event.contractId(), event);
        } catch (EventPublisher.UnavailableException e) {
            LOG.warnf("Contract %s not stored: %s", event.contractId(), e.getMessage());
            return counted("contract", "unavailable", ProblemReplies.error(503, "Revenue store temporarily unavailable, retry later"));
        }
        Response.ResponseBuilder reply = ProblemReplies.json(pathId == null ? 201 : 200, event);
        if (pathId == null) {
            reply.location(URI.create("/api/v1/contracts/" + event.contractId()));
        }
        return counted("contract", "published", reply.build());
    }

    private static JsonNode parse(byte[] body) throws InvalidInputException {
        if (body == null || body.length == 0) {
            throw new InvalidInputException("Missing request body: a JSON object");
        }
        String utf8 = StorableText.utf8Problem(body);
        if (utf8 != null) {
            throw new InvalidInputException("The request body " + utf8);
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || json.isMissingNode()) {
                throw new InvalidInputException("Missing request body: a JSON object");
            }
            return json;
        } catch (JacksonException e) {
            throw new InvalidInputException("The request body is not valid JSON: " + safe(e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("Could not read the request body as JSON");
        }
    }

    /** A parser's message without NUL or unpaired surrogates, and short. */
    static String safe(String message) {
        if (message == null) {
            return "";
        }
        String clean = message.replace('\u0000', '?').replaceAll("[\\uD800-\\uDFFF]", "?");
        return clean.length() <= 300 ? clean : clean.substring(0, 300) + "…";
    }

    private Response counted(String kind, String outcome, Response response) {
        registry.counter("revenue.sales.inputs", "kind", kind, "outcome", outcome).increment();
        return response;
    }
}
