package io.growthmetrics.kpi.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.revenue.SubscriptionEvent;
import io.growthmetrics.contracts.revenue.SubscriptionSnapshot;
import io.growthmetrics.contracts.rules.SubscriptionRules;
import io.growthmetrics.contracts.rules.Violations;
import io.growthmetrics.kpi.view.revenue.SubscriptionStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Set;

/**
 * Consumes {@code revenue.subscriptions.v1} in batches into {@code subscription_event}: each event once; the
 * revenue views are recomputed from the first day an event changes ({@link SubscriptionStore}).
 */
@ApplicationScoped
public class SubscriptionConsumer {

    private static final Logger LOG = Logger.getLogger(SubscriptionConsumer.class);
    private static final String WHAT = "a subscription event";
    /** The meter the revenue consumers count under. */
    static final String REVENUE_METER = "kpi.revenue.consumed";
    private static final Set<String> SOURCES = Set.of(SubscriptionEvent.SOURCE_WEBHOOK, SubscriptionEvent.SOURCE_BACKFILL);

    private final BatchConsumption<SubscriptionStore.Received> batches;

    public SubscriptionConsumer(SubscriptionStore store,
            @Channel("revenue-subscriptions-dead-letter") MutinyEmitter<byte[]> deadLetters,
            BatchConsumptions consumptions) {
        this.batches = consumptions.create(Topics.REVENUE_SUBSCRIPTIONS_V1, SubscriptionConsumer::read,
                events -> store.store(events).map(o -> new BatchConsumption.Outcome(o.stored(), o.duplicates())),
                deadLetters, LOG, REVENUE_METER);
    }

    @Incoming("revenue-subscriptions")
    public Uni<Void> consume(ConsumerRecords<byte[], byte[]> records) {
        return batches.consume(records);
    }

    /** Parses and checks one record against {@link SubscriptionRules}. */
    static SubscriptionStore.Received read(ConsumerRecord<String, String> record, Instant now)
            throws UnprocessableRecordException {
        JsonNode tree = RecordChecks.json(record, WHAT);
        RecordChecks.schemaVersion(tree, SubscriptionEvent.SCHEMA_VERSION);
        SubscriptionEvent event = RecordChecks.bind(tree, SubscriptionEvent.class, WHAT);
        Violations v = SubscriptionRules.check(event, now);
        if (event.source() != null && !event.source().isBlank() && !SOURCES.contains(event.source())) {
            v.field("source", "'source' must be webhook or backfill");
        }
        SubscriptionSnapshot subscription = event.subscription();
        if (subscription != null && !event.deleted()) {
            // A deletion only ends the subscription: its status and currency do not matter.
            v.requiredText("subscription.status", subscription.status(), SubscriptionRules.STATUS);
            if (subscription.currency() == null) {
                v.required("subscription.currency", null);
            }
        }
        RecordChecks.rules(v);
        return new SubscriptionStore.Received(event, tree);
    }
}
