package io.growthmetrics.revenue.config;

import io.growthmetrics.revenue.domain.ProductCatalog;
import io.growthmetrics.revenue.stripe.StripeApi;
import io.growthmetrics.revenue.stripe.StripeGateway;
import io.growthmetrics.revenue.stripe.StripeObjectCache;
import io.growthmetrics.revenue.stripe.SubscriptionNormalizer;
import io.growthmetrics.revenue.stripe.WebhookEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the framework-free classes into CDI. */
public class RevenueBeans {

    /** Parsed once; a malformed REVENUE_SELF_SERVICE_PRODUCTS fails start-up with the message of {@link ProductCatalog#parse}. */
    @Produces
    @Singleton
    ProductCatalog productCatalog(RevenueConfig config) {
        return ProductCatalog.parse(config.selfService().products());
    }

    @Produces
    @Singleton
    StripeApi stripeApi(RevenueConfig config) {
        RevenueConfig.Stripe stripe = config.stripe();
        return stripe.apiKey().filter(k -> !k.isBlank())
                .<StripeApi>map(key -> new StripeGateway(key.trim(), stripe.apiBase().orElse(null),
                        stripe.maxNetworkRetries(), stripe.connectTimeout(), stripe.readTimeout()))
                .orElse(StripeApi.NONE);
    }

    @Produces
    @Singleton
    StripeObjectCache stripeObjectCache() {
        return new StripeObjectCache();
    }

    @Produces
    @ApplicationScoped
    SubscriptionNormalizer subscriptionNormalizer(StripeObjectCache cache, StripeApi api) {
        return new SubscriptionNormalizer(cache, api);
    }

    @Produces
    @ApplicationScoped
    WebhookEvents webhookEvents(SubscriptionNormalizer normalizer, StripeObjectCache cache, StripeApi api) {
        return new WebhookEvents(normalizer, cache, api);
    }
}
