package io.growthmetrics.kpi.view.revenue;

import io.growthmetrics.kpi.domain.revenue.MrrMovement;
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

/** Materialized view {@code mrr_movement}: read by growth-api through {@code read_mrr_movements}. */
@Entity
@Table(name = "mrr_movement")
@IdClass(MrrMovementEntity.Key.class)
public class MrrMovementEntity extends PanacheEntityBase {

    @Id
    public LocalDate day;

    @Id
    public String currency;

    @Id
    @Column(name = "customer_id")
    public String customerId;

    public String type;

    @Column(name = "delta_cents")
    public BigDecimal deltaCents;

    static MrrMovementEntity of(MrrMovement movement) {
        MrrMovementEntity row = new MrrMovementEntity();
        row.day = movement.day();
        row.currency = movement.currency();
        row.customerId = movement.customerId();
        row.type = movement.type().key();
        row.deltaCents = movement.delta();
        return row;
    }

    public static class Key implements Serializable {
        public LocalDate day;
        public String currency;
        public String customerId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(day, k.day) && Objects.equals(currency, k.currency)
                    && Objects.equals(customerId, k.customerId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(day, currency, customerId);
        }
    }
}
