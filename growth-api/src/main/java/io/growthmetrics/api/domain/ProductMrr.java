package io.growthmetrics.api.domain;

/** A product's MRR on one day in whole cents (rounded half-up from the exact value), and its subscriptions. */
public record ProductMrr(String productId, String name, long mrrCents, int subscriptions) {
}
