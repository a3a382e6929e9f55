package io.growthmetrics.deploy.local.demo;

import com.stripe.net.Webhook;
import io.growthmetrics.deploy.local.Http;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Sends {@link DemoStripeHistory} through revenue-service's real webhook endpoint, each event signed with the
 * endpoint's secret exactly as Stripe signs it ({@code Stripe-Signature: t=…,v1=…}).
 */
public final class StripeDemoSeeder {

    public static final String WEBHOOK_PATH = "/stripe/webhook";

    /** What was sent and how revenue-service answered. */
    public record Result(int events, int accepted, int refused, String firstRefusal) {
    }

    private final String revenueBaseUrl;
    private final String webhookSecret;

    public StripeDemoSeeder(String revenueBaseUrl, String webhookSecret) {
        this.revenueBaseUrl = revenueBaseUrl;
        this.webhookSecret = webhookSecret;
    }

    public Result seed(Instant now) throws IOException, InterruptedException {
        List<DemoStripeHistory.Event> events = DemoStripeHistory.generate(20261123L, now, 90, 250);
        int accepted = 0;
        int refused = 0;
        String firstRefusal = null;
        for (DemoStripeHistory.Event event : events) {
            Http.Response response = Http.post(revenueBaseUrl + WEBHOOK_PATH,
                    Map.of("Content-Type", "application/json", "Stripe-Signature", signature(event.json())),
                    HttpRequest.BodyPublishers.ofString(event.json()), Duration.ofSeconds(30));
            if (response.ok()) {
                accepted++;
            } else {
                refused++;
                if (firstRefusal == null) {
                    firstRefusal = event.id() + ": HTTP " + response.status() + " " + response.body();
                }
            }
        }
        return new Result(events.size(), accepted, refused, firstRefusal);
    }

    private String signature(String payload) {
        try {
            return Webhook.Signature.generateSignatureHeader(payload, webhookSecret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
