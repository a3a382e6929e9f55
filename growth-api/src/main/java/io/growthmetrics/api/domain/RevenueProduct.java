package io.growthmetrics.api.domain;

/** One product of the self-service catalog (revenue.self-service.products), as read_revenue_products lists it. */
public record RevenueProduct(String productId, String name) {
}
