package io.growthmetrics.kpi.messaging;

import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;
import io.growthmetrics.kpi.view.PingStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Consumes {@code telemetry.pings.v1} in batches into the installation views. A record that cannot be processed
 * goes to {@code telemetry.pings.v1.dlq} with the reason in its headers, and consumption goes on; a database
 * failure is retried (with back-off) without acknowledging, so nothing is lost and the order is kept.
 */
@ApplicationScoped
public class PingConsumer {

    private static final Logger LOG = Logger.getLogger(PingConsumer.class);

    private final PingStore store;
    private final MutinyEmitter<String> deadLetters;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter deadLettered;

    public PingConsumer(PingStore store, @Channel("telemetry-pings-dead-letter") MutinyEmitter<String> deadLetters,
            MeterRegistry registry) {
        this.store = store;
        this.deadLetters = deadLetters;
        this.stored = registry.counter("kpi.pings.consumed", "outcome", "stored");
        this.duplicates = registry.counter("kpi.pings.consumed", "outcome", "duplicate");
        this.deadLettered = registry.counter("kpi.pings.consumed", "outcome", "dead_letter");
    }

    @Incoming("telemetry-pings")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<TelemetryPingEvent> events = new ArrayList<>(records.count());
        List<Uni<Void>> rejected = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                events.add(read(record));
            } catch (UnprocessablePingException e) {
                rejected.add(deadLetter(record, e.getMessage()));
            }
        }
        Uni<Void> deadLettersSent = rejected.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(rejected).andFailFast().replaceWithVoid();
        return deadLettersSent
                .chain(() -> store.store(events)
                        .onFailure().invoke(e -> LOG.warnf("Storing %d pings failed, retrying: %s", events.size(), e.toString()))
                        .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely())
                .invoke(outcome -> {
                    stored.increment(outcome.stored());
                    duplicates.increment(outcome.duplicates());
                })
                .replaceWithVoid();
    }

    /** Parses and checks one record; what is wrong with it becomes the dead-letter reason. */
    static TelemetryPingEvent read(ConsumerRecord<String, String> record) throws UnprocessablePingException {
        if (record.value() == null) {
            throw new UnprocessablePingException("empty record value");
        }
        TelemetryPingEvent event;
        try {
            event = EventJson.mapper().readValue(record.value(), TelemetryPingEvent.class);
        } catch (Exception e) {
            throw new UnprocessablePingException("not a telemetry ping envelope: " + firstLine(e.getMessage()));
        }
        if (event.schemaVersion() != TelemetryPingEvent.SCHEMA_VERSION) {
            throw new UnprocessablePingException("unsupported schemaVersion " + event.schemaVersion()
                    + " (this consumer reads " + TelemetryPingEvent.SCHEMA_VERSION + ")");
        }
        if (event.eventId() == null) {
            throw new UnprocessablePingException("missing eventId");
        }
        try {
            UUID.fromString(event.eventId());
        } catch (IllegalArgumentException e) {
            throw new UnprocessablePingException("eventId is not a UUID: " + event.eventId());
        }
        if (event.receivedAt() == null) {
            throw new UnprocessablePingException("missing receivedAt");
        }
        if (event.ping() == null || event.ping().instanceId() == null || event.ping().instanceId().isBlank()) {
            throw new UnprocessablePingException("missing ping.instanceId");
        }
        return event;
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, String> record, String reason) {
        LOG.warnf("Ping at %s-%d@%d sent to the dead-letter topic: %s", record.topic(), record.partition(),
                record.offset(), reason);
        deadLettered.increment();
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build();
        return deadLetters.sendMessage(Message.of(record.value() == null ? "" : record.value()).addMetadata(metadata));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    static class UnprocessablePingException extends Exception {
        UnprocessablePingException(String message) {
            super(message);
        }
    }
}
