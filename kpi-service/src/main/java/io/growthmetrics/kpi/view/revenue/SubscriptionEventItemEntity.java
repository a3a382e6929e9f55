package io.growthmetrics.kpi.view.revenue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/** An item of a subscription event, with its monthly value (written by {@link SubscriptionStore}). */
@Entity
@Table(name = "subscription_event_item")
@IdClass(SubscriptionEventItemEntity.Key.class)
public class SubscriptionEventItemEntity extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Id
    public int position;

    @Column(name = "item_id")
    public String itemId;

    @Column(name = "price_id")
    public String priceId;

    @Column(name = "product_id")
    public String productId;

    public Long quantity;

    @Column(name = "monthly_value")
    public BigDecimal monthlyValue;

    public static class Key implements Serializable {
        public String eventId;
        public int position;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(eventId, k.eventId) && position == k.position;
        }

        @Override
        public int hashCode() {
            return Objects.hash(eventId, position);
        }
    }
}
