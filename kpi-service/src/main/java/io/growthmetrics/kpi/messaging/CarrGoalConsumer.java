package io.growthmetrics.kpi.messaging;

import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.revenue.CarrGoalEvent;
import io.growthmetrics.kpi.view.revenue.CarrStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.regex.Pattern;

/** Consumes {@code revenue.carr-goals.v1} into {@code carr_goal}: the latest goal of each quarter. */
@ApplicationScoped
public class CarrGoalConsumer {

    private static final Logger LOG = Logger.getLogger(CarrGoalConsumer.class);
    private static final String WHAT = "a CARR goal event";
    private static final Pattern QUARTER = Pattern.compile("\\d{4}-Q[1-4]");

    private final BatchConsumption<CarrGoalEvent> batches;

    public CarrGoalConsumer(CarrStore store, @Channel("revenue-carr-goals-dead-letter") MutinyEmitter<String> deadLetters,
            MeterRegistry registry) {
        this.batches = new BatchConsumption<>(Topics.REVENUE_CARR_GOALS_V1, CarrGoalConsumer::read,
                events -> store.storeGoals(events)
                        .map(applied -> new BatchConsumption.Outcome(applied, events.size() - applied)),
                deadLetters, registry, LOG);
    }

    @Incoming("revenue-carr-goals")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return batches.consume(records);
    }

    static CarrGoalEvent read(ConsumerRecord<String, String> record) throws UnprocessableRecordException {
        CarrGoalEvent event = RecordChecks.bind(RecordChecks.json(record, WHAT), CarrGoalEvent.class, WHAT);
        RecordChecks.schemaVersion(event.schemaVersion(), CarrGoalEvent.SCHEMA_VERSION);
        RecordChecks.text(event.eventId(), "eventId");
        RecordChecks.instant(event.updatedAt(), "updatedAt");
        if (event.quarter() == null || event.quarter().isBlank()) {
            throw new UnprocessableRecordException("missing quarter");
        }
        if (!QUARTER.matcher(event.quarter()).matches()) {
            throw new UnprocessableRecordException("quarter is not like 2026-Q4: " + event.quarter());
        }
        String currency = RecordChecks.currency(event.currency(), "currency");
        if (event.goalCents() < 0) {
            throw new UnprocessableRecordException("negative goalCents " + event.goalCents());
        }
        return new CarrGoalEvent(event.schemaVersion(), event.eventId(), event.updatedAt(), event.quarter(), currency,
                event.goalCents());
    }
}
