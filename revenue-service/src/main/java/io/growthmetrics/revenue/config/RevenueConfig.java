package io.growthmetrics.revenue.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "revenue")
public interface RevenueConfig {

    Stripe stripe();

    SelfService selfService();

    Backfill backfill();

    /** How long a request waits for Kafka's acknowledgement before it gets 503 (env REVENUE_PUBLISH_TIMEOUT). */
    @WithDefault("10s")
    Duration publishTimeout();

    /** Stripe event ids remembered (in memory) to answer repeats without publishing again. */
    @WithDefault("10000")
    int recentEventIds();

    interface Stripe {
        /** Webhook endpoint secret {@code whsec_…} (env STRIPE_WEBHOOK_SECRET); without it the webhook answers 503. */
        Optional<String> webhookSecret();

        /** Stripe-Signature tolerance: older signatures are refused. */
        @WithDefault("300")
        long signatureToleranceSeconds();

        /** Secret or restricted key (env STRIPE_API_KEY; read access to subscriptions, coupons, prices). Enables backfill and re-reads. */
        Optional<String> apiKey();

        /** Another API base URL (env STRIPE_API_BASE), e.g. a local server in tests. */
        Optional<String> apiBase();

        @WithDefault("2")
        int maxNetworkRetries();

        @WithDefault("10s")
        Duration connectTimeout();

        @WithDefault("30s")
        Duration readTimeout();
    }

    interface SelfService {
        /** Comma-separated productId=Display Name pairs (env REVENUE_SELF_SERVICE_PRODUCTS). */
        String products();
    }

    interface Backfill {
        /** Run a backfill at start-up when an API key is configured. */
        @WithDefault("true")
        boolean onStart();

        /** Subscriptions per page (Stripe allows up to 100). */
        @WithDefault("100")
        int pageSize();

        /** A progress line in the log every this many subscriptions. */
        @WithDefault("100")
        int progressEvery();

        /** Folder for the resume point (env REVENUE_STATE_DIR); a persistent volume lets a restart resume too. */
        String stateDir();
    }
}
