package io.growthmetrics.kpi.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.revenue.SubscriptionEvent;
import io.growthmetrics.contracts.revenue.SubscriptionItem;
import io.growthmetrics.contracts.revenue.SubscriptionSnapshot;
import io.growthmetrics.kpi.view.revenue.SubscriptionStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Set;

/**
 * Consumes {@code revenue.subscriptions.v1} in batches into {@code subscription_event}: each event once; the
 * revenue views are recomputed from the first day an event changes ({@link SubscriptionStore}).
 */
@ApplicationScoped
public class SubscriptionConsumer {

    private static final Logger LOG = Logger.getLogger(SubscriptionConsumer.class);
    private static final String WHAT = "a subscription event";
    private static final Set<String> SOURCES = Set.of(SubscriptionEvent.SOURCE_WEBHOOK, SubscriptionEvent.SOURCE_BACKFILL);

    private final BatchConsumption<SubscriptionStore.Received> batches;

    public SubscriptionConsumer(SubscriptionStore store,
            @Channel("revenue-subscriptions-dead-letter") MutinyEmitter<String> deadLetters, MeterRegistry registry) {
        this.batches = new BatchConsumption<>(Topics.REVENUE_SUBSCRIPTIONS_V1, SubscriptionConsumer::read,
                events -> store.store(events).map(o -> new BatchConsumption.Outcome(o.stored(), o.duplicates())),
                deadLetters, registry, LOG);
    }

    @Incoming("revenue-subscriptions")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return batches.consume(records);
    }

    /** Parses and checks one record. */
    static SubscriptionStore.Received read(ConsumerRecord<String, String> record) throws UnprocessableRecordException {
        JsonNode tree = RecordChecks.json(record, WHAT);
        SubscriptionEvent event = RecordChecks.bind(tree, SubscriptionEvent.class, WHAT);
        RecordChecks.schemaVersion(event.schemaVersion(), SubscriptionEvent.SCHEMA_VERSION);
        RecordChecks.text(event.eventId(), "eventId");
        RecordChecks.text(event.eventType(), "eventType");
        RecordChecks.instant(event.eventCreated(), "eventCreated");
        if (event.source() == null || event.source().isBlank()) {
            throw new UnprocessableRecordException("missing source");
        }
        if (!SOURCES.contains(event.source())) {
            throw new UnprocessableRecordException("unknown source " + event.source() + " (webhook or backfill)");
        }
        SubscriptionSnapshot subscription = event.subscription();
        if (subscription == null) {
            throw new UnprocessableRecordException("missing subscription");
        }
        RecordChecks.text(subscription.id(), "subscription.id");
        RecordChecks.optionalText(subscription.customerId(), "subscription.customerId", RecordChecks.MAX_TEXT);
        RecordChecks.optionalText(subscription.status(), "subscription.status", 32);
        if (subscription.cancelAt() != null) {
            RecordChecks.instant(subscription.cancelAt(), "subscription.cancelAt");
        }
        if (event.deleted()) {
            // A deletion only ends the subscription: its customer, status, currency and items do not matter.
            if (subscription.currency() != null) {
                RecordChecks.currency(subscription.currency(), "subscription.currency");
            }
            return new SubscriptionStore.Received(event, tree);
        }
        RecordChecks.text(subscription.customerId(), "subscription.customerId");
        if (subscription.status() == null || subscription.status().isBlank()) {
            throw new UnprocessableRecordException("missing subscription.status");
        }
        RecordChecks.currency(subscription.currency(), "subscription.currency");
        List<SubscriptionItem> items = subscription.items();
        for (int i = 0; i < items.size(); i++) {
            SubscriptionItem item = items.get(i);
            String at = "subscription.items[" + i + "]";
            if (item == null) {
                throw new UnprocessableRecordException(at + " is null");
            }
            RecordChecks.optionalText(item.productId(), at + ".productId", RecordChecks.MAX_TEXT); // none: never counts
            RecordChecks.optionalText(item.itemId(), at + ".itemId", RecordChecks.MAX_TEXT);
            RecordChecks.optionalText(item.priceId(), at + ".priceId", RecordChecks.MAX_TEXT);
            if (item.monthlyValue() == null) {
                throw new UnprocessableRecordException("missing " + at + ".monthlyValue");
            }
        }
        return new SubscriptionStore.Received(event, tree);
    }
}
