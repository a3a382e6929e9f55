package io.growthmetrics.kpi.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.rules.JsonLimits;
import io.growthmetrics.contracts.rules.TelemetryPingRules;
import io.growthmetrics.contracts.rules.Violations;
import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;
import io.growthmetrics.kpi.view.PingStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;

/**
 * Consumes {@code telemetry.pings.v1} in batches into the installation views ({@link BatchConsumption}): a record
 * breaking {@link TelemetryPingRules} goes to {@code telemetry.pings.v1.dlq} with the reason, and consumption goes on.
 * Counts {@code kpi.pings.consumed{topic, outcome}}.
 */
@ApplicationScoped
public class PingConsumer {

    private static final Logger LOG = Logger.getLogger(PingConsumer.class);
    private static final String WHAT = "a telemetry ping envelope";

    private final BatchConsumption<TelemetryPingEvent> batches;

    public PingConsumer(PingStore store, @Channel("telemetry-pings-dead-letter") MutinyEmitter<byte[]> deadLetters,
            BatchConsumptions consumptions) {
        this.batches = consumptions.create(Topics.TELEMETRY_PINGS_V1, PingConsumer::read,
                events -> store.store(events).map(o -> new BatchConsumption.Outcome(o.stored(), o.duplicates())),
                deadLetters, LOG, "kpi.pings.consumed");
    }

    @Incoming("telemetry-pings")
    public Uni<Void> consume(ConsumerRecords<byte[], byte[]> records) {
        return batches.consume(records);
    }

    /** Parses and checks one record; what is wrong with it becomes the dead-letter reason. */
    static TelemetryPingEvent read(ConsumerRecord<String, String> record, Instant now)
            throws UnprocessableRecordException {
        JsonNode tree = RecordChecks.json(record, WHAT);
        RecordChecks.schemaVersion(tree, TelemetryPingEvent.SCHEMA_VERSION);
        TelemetryPingEvent event = RecordChecks.bind(tree, TelemetryPingEvent.class, WHAT);
        Violations violations = TelemetryPingRules.check(event, now, JsonLimits.DEFAULT);
        if (event.eventId() != null && !event.eventId().isBlank()) {
            try {
                UUID.fromString(event.eventId());
            } catch (IllegalArgumentException e) {
                violations.field("eventId", "'eventId' is not a UUID");
            }
        }
        RecordChecks.rules(violations);
        return event;
    }
}
