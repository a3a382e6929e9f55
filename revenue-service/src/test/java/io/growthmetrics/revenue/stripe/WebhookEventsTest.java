package io.growthmetrics.revenue.stripe;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.growthmetrics.contracts.revenue.SubscriptionEvent;
import io.growthmetrics.revenue.support.StripeJson;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static io.growthmetrics.revenue.support.StripeJson.discount;
import static io.growthmetrics.revenue.support.StripeJson.event;
import static io.growthmetrics.revenue.support.StripeJson.invoice;
import static io.growthmetrics.revenue.support.StripeJson.percentCoupon;
import static io.growthmetrics.revenue.support.StripeJson.price;
import static io.growthmetrics.revenue.support.StripeJson.subscription;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookEventsTest {

    private static final long CREATED = 1763900000L;
    private final StripeObjectCache cache = new StripeObjectCache();

    private WebhookEvents events(StripeApi api) {
        return new WebhookEvents(new SubscriptionNormalizer(cache, api), cache, api);
    }

    /** Through the same verification the endpoint uses. */
    private static Event verified(JsonObject event) throws Exception {
        String payload = StripeJson.json(event);
        return Webhook.constructEvent(payload, StripeJson.sign(payload), StripeJson.WEBHOOK_SECRET, 300);
    }

    private static JsonObject sub(String status) {
        return subscription("sub_1", "cus_1").status(status)
                .item("si", price("price_starter", "prod_starter", "month", 1, 1500), 2L).build();
    }

    @Test
    void subscriptionEventsArePublishedWithTheStripeEventsIdAndCreated() throws Exception {
        for (String type : List.of("customer.subscription.created", "customer.subscription.updated",
                "customer.subscription.paused", "customer.subscription.resumed",
                "customer.subscription.pending_update_applied", "customer.subscription.trial_will_end")) {
            WebhookEvents.Outcome outcome = events(StripeApi.NONE).handle(verified(event("evt_1", type, CREATED,
                    sub("active"), null)));
            assertEquals("published", outcome.status());
            SubscriptionEvent published = outcome.events().get(0);
            assertEquals(new SubscriptionEvent(1, "evt_1", type, Instant.ofEpochSecond(CREATED), "webhook", false,
                    published.subscription()), published);
            assertEquals(new BigDecimal("3000"), published.subscription().items().get(0).monthlyValue());
        }
    }

    @Test
    void deletedIsTerminal() throws Exception {
        SubscriptionEvent published = events(StripeApi.NONE).handle(verified(event("evt_2",
                "customer.subscription.deleted", CREATED, sub("canceled"), null))).events().get(0);
        assertTrue(published.deleted());
        assertEquals("canceled", published.subscription().status());
    }

    @Test
    void anEventOfAnotherApiVersionTrainIsStillRead() throws Exception {
        JsonObject event = event("evt_3", "customer.subscription.updated", CREATED, sub("past_due"), null);
        event.addProperty("api_version", "2025-09-30.clover");
        Event verified = verified(event);
        assertTrue(verified.getDataObjectDeserializer().getObject().isEmpty(), "stripe-java refuses the safe path");
        SubscriptionEvent published = events(StripeApi.NONE).handle(verified).events().get(0);
        assertEquals("past_due", published.subscription().status());
    }

    @Test
    void invoicesWithoutAnApiKeyAreAcceptedWithoutPublishing() throws Exception {
        WebhookEvents.Outcome outcome = events(StripeApi.NONE).handle(verified(event("evt_4", "invoice.payment_failed",
                CREATED, invoice("in_1", "cus_1", "sub_1", "open"), null)));
        assertEquals("accepted", outcome.status());
        assertEquals(List.of(), outcome.events());
    }

    @Test
    void invoicesWithAnApiKeyPublishTheSubscriptionReadAgain() throws Exception {
        FakeStripeApi api = new FakeStripeApi();
        api.subscriptions.put("sub_1", sub("past_due"));
        WebhookEvents.Outcome outcome = events(api).handle(verified(event("evt_5", "invoice.payment_failed", CREATED,
                invoice("in_1", "cus_1", "sub_1", "open"), null)));
        SubscriptionEvent published = outcome.events().get(0);
        assertEquals("evt_5", published.eventId());
        assertEquals("invoice.payment_failed", published.eventType());
        assertEquals(Instant.ofEpochSecond(CREATED), published.eventCreated());
        assertEquals("past_due", published.subscription().status());
        assertFalse(published.deleted());
        assertEquals(List.of("subscription sub_1"), api.calls);

        WebhookEvents.Outcome oneOff = events(api).handle(verified(event("evt_6", "invoice.paid", CREATED,
                invoice("in_2", "cus_1", null, "paid"), null)));
        assertEquals("ignored", oneOff.status());
    }

    @Test
    void discountEventsTeachTheCacheAndReReadWithAnApiKey() throws Exception {
        events(StripeApi.NONE).handle(verified(event("evt_c", "coupon.created", CREATED,
                percentCoupon("co_10", "forever", 10), null)));
        WebhookEvents.Outcome outcome = events(StripeApi.NONE).handle(verified(event("evt_d", "customer.discount.created",
                CREATED, discount("di_1", new JsonPrimitive("co_10"), "cus_1", "sub_1", null), null)));
        assertEquals("accepted", outcome.status());
        assertEquals("co_10", cache.couponOfDiscount("di_1").orElseThrow());

        JsonObject discounted = subscription("sub_1", "cus_1").discounts("di_1")
                .item("si", price("price_starter", "prod_starter", "month", 1, 1500), 2L).build();
        SubscriptionEvent published = events(StripeApi.NONE).handle(verified(event("evt_u",
                "customer.subscription.updated", CREATED, discounted, null))).events().get(0);
        assertEquals(new BigDecimal("2700"), published.subscription().items().get(0).monthlyValue());

        FakeStripeApi api = new FakeStripeApi();
        api.subscriptions.put("sub_1", discounted);
        WebhookEvents.Outcome reRead = events(api).handle(verified(event("evt_d2", "customer.discount.updated", CREATED,
                discount("di_1", new JsonPrimitive("co_10"), "cus_1", "sub_1", null), null)));
        assertEquals("evt_d2", reRead.events().get(0).eventId());
        assertEquals(new BigDecimal("2700"), reRead.events().get(0).subscription().items().get(0).monthlyValue());
    }

    @Test
    void otherTypesAreIgnored() throws Exception {
        JsonObject customer = new JsonObject();
        customer.addProperty("id", "cus_1");
        customer.addProperty("object", "customer");
        WebhookEvents.Outcome outcome = events(StripeApi.NONE).handle(verified(event("evt_7", "customer.updated",
                CREATED, customer, null)));
        assertEquals("ignored", outcome.status());
        assertEquals(List.of(), outcome.events());
    }

    @Test
    void aTypeWhoseObjectIsNotWhatItSaysIsUnreadable() throws Exception {
        Event event = verified(event("evt_8", "customer.subscription.updated", CREATED,
                invoice("in_1", "cus_1", "sub_1", "paid"), null));
        UnreadableEventException e = assertThrows(UnreadableEventException.class, () -> events(StripeApi.NONE).handle(event));
        assertEquals("A customer.subscription.updated event must carry a subscription in data.object, got Invoice",
                e.getMessage());
    }

    @Test
    void stripeUnavailableForAReReadIsReported() throws Exception {
        FakeStripeApi api = new FakeStripeApi();
        api.down = true;
        Event event = verified(event("evt_9", "invoice.paid", CREATED, invoice("in_1", "cus_1", "sub_1", "paid"), null));
        assertThrows(StripeUnavailableException.class, () -> events(api).handle(event));
    }
}
