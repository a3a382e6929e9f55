package io.growthmetrics.kpi.view.revenue;

import io.growthmetrics.kpi.domain.revenue.ProductMrr;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** Materialized view {@code mrr_daily}: read by growth-api through {@code read_mrr_daily}. */
@Entity
@Table(name = "mrr_daily")
@IdClass(MrrDailyEntity.Key.class)
public class MrrDailyEntity extends PanacheEntityBase {

    @Id
    public LocalDate day;

    @Id
    public String currency;

    @Id
    @Column(name = "product_id")
    public String productId;

    @Column(name = "mrr_cents")
    public BigDecimal mrrCents;

    public int subscriptions;

    static MrrDailyEntity of(ProductMrr figure) {
        MrrDailyEntity row = new MrrDailyEntity();
        row.day = figure.day();
        row.currency = figure.currency();
        row.productId = figure.productId();
        row.mrrCents = figure.mrr();
        row.subscriptions = figure.subscriptions();
        return row;
    }

    public static class Key implements Serializable {
        public LocalDate day;
        public String currency;
        public String productId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(day, k.day) && Objects.equals(currency, k.currency)
                    && Objects.equals(productId, k.productId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(day, currency, productId);
        }
    }
}
