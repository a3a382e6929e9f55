package io.growthmetrics.revenue.rest;

import io.growthmetrics.support.ProblemReplies;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.revenue.SubscriptionEvent;
import io.growthmetrics.revenue.config.RevenueConfig;
import io.growthmetrics.revenue.messaging.EventPublisher;
import io.growthmetrics.revenue.messaging.RecentEventIds;
import io.growthmetrics.revenue.messaging.StripeTermsStore;
import io.growthmetrics.contracts.rules.SubscriptionRules;
import io.growthmetrics.contracts.rules.Violations;
import io.growthmetrics.revenue.stripe.StripeUnavailableException;
import io.growthmetrics.revenue.stripe.LogText;
import io.growthmetrics.revenue.stripe.StripeIntegers;
import io.growthmetrics.revenue.stripe.UnreadableEventException;
import io.growthmetrics.revenue.stripe.WebhookEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Stripe's webhook endpoint. The signature is checked on the raw body exactly as received; the answer is 200 only
 * once Kafka has acknowledged what the event produced, so Stripe retries anything not stored.
 */
@Path("/stripe/webhook")
public class StripeWebhookResource {

    private static final Logger LOG = Logger.getLogger(StripeWebhookResource.class);

    private final RevenueConfig config;
    private final WebhookEvents events;
    private final EventPublisher publisher;
    private final RecentEventIds recent;
    private final MeterRegistry registry;
    private final StripeTermsStore terms;

    public StripeWebhookResource(RevenueConfig config, WebhookEvents events, EventPublisher publisher,
            RecentEventIds recent, MeterRegistry registry, StripeTermsStore terms) {
        this.terms = terms;
        this.config = config;
        this.events = events;
        this.publisher = publisher;
        this.recent = recent;
        this.registry = registry;
    }

    /** Signature failures exist from the start at 0, so their increase reads 0 rather than "no data". */
    void countRejectionsFromZero(@Observes StartupEvent start) {
        registry.counter("revenue.webhooks.received", "type", "unknown", "outcome", "rejected");
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a Stripe webhook event",
            description = "The `Stripe-Signature` header is verified against STRIPE_WEBHOOK_SECRET on the raw body "
                    + "(300 s tolerance). Subscription events (customer.subscription.*) are published to "
                    + "revenue.subscriptions.v1 with each item's monthly value; invoice.paid/payment_failed and "
                    + "customer.discount.* re-read the subscription when STRIPE_API_KEY is set; coupon.* events teach "
                    + "coupons; other types are ignored. 200 {\"status\":\"published|accepted|cached|ignored|duplicate\"} "
                    + "once Kafka has the records; 400 problem+json for a missing, forged, altered or stale signature or "
                    + "an unreadable event, 422 problem+json naming the field for one whose content breaks the rules (nothing published); 503 when Kafka (or, for a re-read, Stripe) is "
                    + "unavailable or no webhook secret is configured: Stripe retries.")
    public Response receive(byte[] body,
            @Parameter(description = "t=<unix seconds>,v1=<hex HMAC-SHA256>") @HeaderParam("Stripe-Signature") String signature) {
        Optional<String> secret = config.stripe().webhookSecret().map(String::trim).filter(s -> !s.isEmpty());
        if (secret.isEmpty()) {
            return outcome("unknown", "disabled", ProblemReplies.error(503,
                    "Stripe webhooks are disabled: set STRIPE_WEBHOOK_SECRET to the endpoint's signing secret (whsec_…)"));
        }
        if (signature == null || signature.isBlank()) {
            return outcome("unknown", "rejected", ProblemReplies.error(400, "Missing Stripe-Signature header"));
        }
        String payload = new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8);
        Event event;
        try {
            event = Webhook.constructEvent(payload, signature, secret.get(), config.stripe().signatureToleranceSeconds());
        } catch (SignatureVerificationException e) {
            LOG.debugf("Refused a webhook: %s", LogText.of(e.getMessage()));
            return outcome("unknown", "rejected", ProblemReplies.error(400, "Invalid Stripe-Signature: " + e.getMessage()
                    + " (signatures are checked on the raw body with the endpoint's secret; tolerance "
                    + config.stripe().signatureToleranceSeconds() + " s)"));
        } catch (RuntimeException e) {
            return outcome("unknown", "rejected", ProblemReplies.error(400, "The body is not a Stripe event: " + e.getMessage()));
        }
        String type = WebhookEvents.handled(event.getType()) ? event.getType() : "other";
        Optional<StripeIntegers.Fault> inexact = WebhookEvents.handled(event.getType())
                ? StripeIntegers.firstFault(payload) : Optional.empty();
        if (inexact.isPresent()) {
            // stripe-java would read such a value as some other integer and the event would be published with it
            LOG.errorf("Webhook %s (%s) refused: %s", loggable(event.getId()), loggable(event.getType()),
                    LogText.of(inexact.get().message()));
            return outcome(type, "refused", ProblemReplies.error(422, "The event's content cannot be handled: "
                    + inexact.get().message(), null, List.of(inexact.get().field())));
        }
        if (event.getId() != null && recent.seen(event.getId())) {
            return outcome(type, "duplicate", reply("duplicate", event, 0, "already handled"));
        }
        if (!terms.loaded()) {
            return outcome(type, "unavailable", ProblemReplies.error(503, "Starting: the Stripe terms (coupons, discounts, "
                    + "tiers) are not restored from " + Topics.REVENUE_STRIPE_TERMS_V1 + " yet; retry later"));
        }
        String eventId = loggable(event.getId());
        String eventType = loggable(event.getType());
        WebhookEvents.Outcome result;
        try {
            result = events.handle(event);
        } catch (UnreadableEventException e) {
            LOG.errorf("Webhook %s (%s) refused: %s", eventId, eventType, LogText.of(e.getMessage()));
            return outcome(type, "rejected", ProblemReplies.error(400, e.getMessage(), null, List.of("data.object")));
        } catch (RuntimeException e) {
            // Correctly signed, but content no rule of ours expected: refused, never a 500. Only the event's id and
            // type and the exception's class are logged (the payload may hold emails).
            LOG.errorf("Webhook %s (%s) refused, its content cannot be handled: %s", eventId, eventType,
                    e.getClass().getName());
            return outcome(type, "refused", ProblemReplies.error(422, "The event's content cannot be handled ("
                    + e.getClass().getSimpleName() + ")", null, List.of("data.object")));
        } catch (StripeUnavailableException e) {
            LOG.warnf("Webhook %s (%s) not handled, Stripe API unavailable: %s", event.getId(), event.getType(),
                    e.getMessage());
            return outcome(type, "unavailable", ProblemReplies.error(503, "The Stripe API is unavailable; retry later"));
        }
        Instant now = Instant.now();
        for (SubscriptionEvent published : result.events()) {
            Violations violations = SubscriptionRules.check(published, now);
            if (!violations.isEmpty()) {
                // The summary names fields and limits, never values: no email or name reaches the log.
                LOG.errorf("Webhook %s (%s) refused, it breaks the subscription rules: %s", eventId, eventType,
                        violations.summary());
                return outcome(type, "refused", ProblemReplies.error(422, "The event breaks the rules of "
                        + Topics.REVENUE_SUBSCRIPTIONS_V1 + ": " + violations.summary(), violations.list(),
                        violations.fields()));
            }
        }
        // One deadline for sending and both waits: Stripe gets its 503 within the publish timeout, not twice that.
        long deadline = publisher.deadline();
        List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
        for (SubscriptionEvent published : result.events()) {
            sent.add(publisher.publish(Topics.REVENUE_SUBSCRIPTIONS_V1, published.subscription().id(), published));
        }
        try {
            terms.awaitPending(deadline);
            publisher.awaitAll(sent, deadline);
        } catch (EventPublisher.UnavailableException e) {
            LOG.warnf("Webhook %s (%s) not stored, Kafka unavailable: %s", eventId, eventType, e.getMessage());
            return outcome(type, "unavailable", ProblemReplies.error(503, "Revenue store temporarily unavailable, retry later"));
        }
        if (event.getId() != null) {
            recent.remember(event.getId());
        }
        return outcome(type, result.status(), reply(result.status(), event, result.events().size(), result.detail()));
    }

    /** An id or type as Stripe writes them ({@code evt_…}, {@code customer.subscription.updated}), or a mask. */
    private static String loggable(String value) {
        if (value == null) {
            return "null";
        }
        String kept = value.length() > 100 ? value.substring(0, 100) : value;
        return kept.matches("[A-Za-z0-9_.:\\-]*") ? kept : "(" + value.length() + " unusual characters)";
    }

    private static Response reply(String status, Event event, int published, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("eventId", event.getId());
        body.put("type", event.getType());
        body.put("published", published);
        if (detail != null) {
            body.put("detail", detail);
        }
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    private Response outcome(String type, String outcome, Response response) {
        registry.counter("revenue.webhooks.received", "type", type, "outcome", outcome).increment();
        return response;
    }
}
