package io.growthmetrics.api.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Self-service MRR on one day in one currency: every catalog product, and the total.
 *
 * <p>Each product's cents and the total are rounded separately from the exact values, so the listed products may
 * differ from the total by up to one cent per product (three products of 0.4 ¢ each show 0, 0, 0 and a total of 1).
 * ARR is 12 × the exact total, rounded once.
 *
 * <p>A product that has a row but is no longer in the catalog (its configuration changed) still counts in the
 * total, like in the daily totals, and is listed under its id as name, so nothing in the total goes unexplained.
 */
public record MrrSnapshot(LocalDate date, String currency, long totalCents, long arrCents, List<ProductMrr> products) {

    /** Most MRR first (as shown, in whole cents), then by name, then by id, in code point order. */
    static final Comparator<ProductMrr> ORDER = Comparator.comparingLong(ProductMrr::mrrCents).reversed()
            .thenComparing(ProductMrr::name)
            .thenComparing(ProductMrr::productId);

    public MrrSnapshot {
        products = List.copyOf(products);
    }

    /**
     * @param catalog every configured product; each is listed, with 0 and 0 when it has no row
     * @param rows    the day's rows for the currency, at most one per product
     */
    public static MrrSnapshot of(LocalDate date, CurrencyCode currency, Collection<RevenueProduct> catalog,
            Collection<ProductMrrRow> rows) {
        Map<String, ProductMrrRow> byProduct = new LinkedHashMap<>();
        for (ProductMrrRow row : rows) {
            if (byProduct.putIfAbsent(row.productId(), row) != null) {
                throw new IllegalArgumentException("two MRR rows for product " + row.productId() + " on " + date);
            }
        }
        List<ProductMrr> products = new ArrayList<>();
        for (RevenueProduct product : catalog) {
            ProductMrrRow row = byProduct.remove(product.productId());
            products.add(row == null
                    ? new ProductMrr(product.productId(), product.name(), 0, 0)
                    : new ProductMrr(product.productId(), product.name(), Cents.round(row.mrrCents()), row.subscriptions()));
        }
        for (ProductMrrRow outsideCatalog : byProduct.values()) {
            products.add(new ProductMrr(outsideCatalog.productId(), outsideCatalog.productId(),
                    Cents.round(outsideCatalog.mrrCents()), outsideCatalog.subscriptions()));
        }
        products.sort(ORDER);
        BigDecimal total = rows.stream().map(ProductMrrRow::mrrCents).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new MrrSnapshot(date, currency.code(), Cents.round(total), Cents.annualized(total), products);
    }
}
