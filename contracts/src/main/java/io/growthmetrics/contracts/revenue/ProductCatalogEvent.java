package io.growthmetrics.contracts.revenue;

import java.time.Instant;
import java.util.List;

/**
 * Value on {@code revenue.products.v1} (key = {@code self-service}): the products whose subscription items make up
 * self-service MRR, from revenue-service's configuration ({@code REVENUE_SELF_SERVICE_PRODUCTS}). Published at
 * start-up; the latest wins, and views re-scope to it.
 */
public record ProductCatalogEvent(int schemaVersion, Instant publishedAt, List<Product> products) {

    public static final int SCHEMA_VERSION = 1;
    public static final String KEY = "self-service";

    public record Product(String productId, String name) {
    }
}
