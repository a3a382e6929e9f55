package io.growthmetrics.contracts.rules;

import io.growthmetrics.contracts.revenue.ProductCatalogEvent;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * The rules of the {@code revenue.products.v1} catalog, as kpi-service's {@code revenue_product} stores it: product id
 * and name in {@code varchar(255)}, each id once.
 */
public final class ProductCatalogRules {

    public static final int PRODUCT_ID = RevenueRules.ID;
    public static final int NAME = 255;
    public static final int MAX_PRODUCTS = 1000;

    private ProductCatalogRules() {
    }

    public static Violations check(ProductCatalogEvent c, Instant now) {
        Violations v = new Violations()
                .required("publishedAt", c.publishedAt())
                .instant("publishedAt", c.publishedAt(), EventTimes.EARLIEST, EventTimes.latestObservation(now));
        if (c.products() == null || c.products().isEmpty()) {
            return v.required("products", null);
        }
        if (c.products().size() > MAX_PRODUCTS) {
            return v.field("products", "'products' has " + c.products().size() + " entries, at most " + MAX_PRODUCTS
                    + " allowed");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < c.products().size(); i++) {
            ProductCatalogEvent.Product p = c.products().get(i);
            String field = "products[" + i + "]";
            if (p == null) {
                v.required(field, null);
                continue;
            }
            v.requiredText(field + ".productId", p.productId(), PRODUCT_ID).requiredText(field + ".name", p.name(), NAME);
            if (p.productId() != null && !seen.add(p.productId())) {
                v.field(field + ".productId", "'" + field + ".productId' is listed twice");
            }
        }
        return v;
    }
}
