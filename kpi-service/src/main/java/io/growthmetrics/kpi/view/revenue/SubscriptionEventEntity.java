package io.growthmetrics.kpi.view.revenue;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One consumed subscription event, once (written by {@link SubscriptionStore}, read by the refresh). */
@Entity
@Table(name = "subscription_event")
public class SubscriptionEventEntity extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "subscription_id")
    public String subscriptionId;

    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "event_type")
    public String eventType;

    @Column(name = "event_created")
    public OffsetDateTime eventCreated;

    public String source;

    public boolean deleted;

    public String status;

    public String currency;

    @Column(name = "cancel_at_period_end")
    public boolean cancelAtPeriodEnd;

    @Column(name = "cancel_at")
    public OffsetDateTime cancelAt;

    @Column(name = "collection_paused")
    public boolean collectionPaused;
}
