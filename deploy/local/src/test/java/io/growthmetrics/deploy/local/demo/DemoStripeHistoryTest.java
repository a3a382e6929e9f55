package io.growthmetrics.deploy.local.demo;

import com.stripe.model.Event;
import com.stripe.model.Subscription;
import com.stripe.net.Webhook;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoStripeHistoryTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final List<DemoStripeHistory.Event> EVENTS = DemoStripeHistory.generate(20261123L, NOW, 90, 250);

    @Test
    void isDeterministicOrderedAndNeverInTheFuture() {
        assertEquals(EVENTS, DemoStripeHistory.generate(20261123L, NOW, 90, 250));
        for (int i = 1; i < EVENTS.size(); i++) {
            assertFalse(EVENTS.get(i).created().isBefore(EVENTS.get(i - 1).created()));
        }
        assertTrue(EVENTS.stream().noneMatch(e -> e.created().isAfter(NOW)));
        assertTrue(EVENTS.stream().allMatch(e -> e.created().isAfter(NOW.minusSeconds(457L * 86_400))));
        assertEquals(EVENTS.size(), EVENTS.stream().map(DemoStripeHistory.Event::id).distinct().count());
    }

    /** Signed as Stripe signs, and stripe-java (the library revenue-service uses) reads every event back. */
    @Test
    void everyEventIsARealStripeEventThatStripeJavaVerifiesAndParses() throws Exception {
        String secret = "whsec_test_secret";
        for (DemoStripeHistory.Event demo : EVENTS) {
            String header = Webhook.Signature.generateSignatureHeader(demo.json(), secret);
            Event event = Webhook.constructEvent(demo.json(), header, secret, 300);
            assertEquals(demo.type(), event.getType());
            assertEquals(DemoStripeHistory.API_VERSION, event.getApiVersion());
            Subscription subscription = (Subscription) event.getDataObjectDeserializer().getObject().orElseThrow();
            assertEquals(demo.subscriptionId(), subscription.getId());
            assertFalse(subscription.getItems().getData().isEmpty());
            subscription.getItems().getData().forEach(item -> {
                assertTrue(item.getPrice().getProduct().startsWith("prod_"));
                assertTrue(item.getQuantity() >= 1);
                assertTrue(item.getCurrentPeriodEnd() > item.getCurrentPeriodStart());
            });
        }
    }

    @Test
    void looksLikeARealBusiness() throws Exception {
        Map<String, Long> byType = EVENTS.stream().collect(Collectors.groupingBy(DemoStripeHistory.Event::type,
                Collectors.counting()));
        assertTrue(byType.get("customer.subscription.created") >= 100, byType.toString());
        assertTrue(byType.get("customer.subscription.updated") >= 50, byType.toString());
        assertTrue(byType.get("customer.subscription.deleted") >= 10, byType.toString());
        Set<String> features = EVENTS.stream().map(DemoStripeHistory.Event::json).flatMap(json -> java.util.stream.Stream.of(
                json.contains("\"interval\":\"year\"") ? "yearly" : "",
                json.contains("\"currency\":\"eur\"") ? "eur" : "",
                json.contains("\"status\":\"trialing\"") ? "trial" : "",
                json.contains("\"status\":\"past_due\"") ? "past_due" : "",
                json.contains(DemoStripeHistory.OUT_OF_SCOPE_PRODUCT) ? "out-of-scope" : "",
                json.contains("prod_pro_medium") ? "pro add-on" : "")).collect(Collectors.toSet());
        assertTrue(features.containsAll(Set.of("yearly", "eur", "trial", "past_due", "out-of-scope", "pro add-on")),
                features.toString());

        // Growth: more paying subscriptions at the end than a month in.
        assertTrue(activeAt(NOW) > activeAt(NOW.minusSeconds(60L * 86_400)));
    }

    private static long activeAt(Instant moment) throws Exception {
        Map<String, String> status = new HashMap<>();
        for (DemoStripeHistory.Event e : EVENTS) {
            if (!e.created().isAfter(moment)) {
                Event event = Event.GSON.fromJson(e.json(), Event.class);
                status.put(e.subscriptionId(),
                        ((Subscription) event.getDataObjectDeserializer().getObject().orElseThrow()).getStatus());
            }
        }
        return status.values().stream().filter("active"::equals).count();
    }
}
