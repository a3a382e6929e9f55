package io.growthmetrics.kpi.messaging;

import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.revenue.CarrGoalEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.rules.CarrGoalRules;
import io.growthmetrics.kpi.view.revenue.CarrStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Locale;

/** Consumes {@code revenue.carr-goals.v1} into {@code carr_goal}: the latest goal of each quarter. */
@ApplicationScoped
public class CarrGoalConsumer {

    private static final Logger LOG = Logger.getLogger(CarrGoalConsumer.class);
    private static final String WHAT = "a CARR goal event";

    private final BatchConsumption<CarrGoalEvent> batches;

    public CarrGoalConsumer(CarrStore store, @Channel("revenue-carr-goals-dead-letter") MutinyEmitter<byte[]> deadLetters,
            BatchConsumptions consumptions) {
        this.batches = consumptions.create(Topics.REVENUE_CARR_GOALS_V1, CarrGoalConsumer::read,
                events -> store.storeGoals(events)
                        .map(applied -> new BatchConsumption.Outcome(applied, events.size() - applied)),
                deadLetters, LOG, SubscriptionConsumer.REVENUE_METER);
    }

    @Incoming("revenue-carr-goals")
    public Uni<Void> consume(ConsumerRecords<byte[], byte[]> records) {
        return batches.consume(records);
    }

    /** Parses and checks one record against {@link CarrGoalRules}. */
    static CarrGoalEvent read(ConsumerRecord<String, String> record, Instant now) throws UnprocessableRecordException {
        JsonNode tree = RecordChecks.json(record, WHAT);
        RecordChecks.schemaVersion(tree, CarrGoalEvent.SCHEMA_VERSION);
        CarrGoalEvent event = RecordChecks.bind(tree, CarrGoalEvent.class, WHAT);
        RecordChecks.rules(CarrGoalRules.check(event, now));
        return new CarrGoalEvent(event.schemaVersion(), event.eventId(), event.updatedAt(), event.quarter(),
                event.currency().toLowerCase(Locale.ROOT), event.goalCents());
    }
}
