package io.growthmetrics.kpi.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How the revenue consumers handle a polled batch: every record is read and checked; an unprocessable one goes to
 * the dead-letter topic ({@code <topic>.dlq}, the original key and value, the reason in the
 * {@code dead-letter-reason} header) and consumption goes on; the others are stored in one go, a database failure
 * being retried with back-off (0.5 s … 30 s) without acknowledging the batch, so nothing is lost and order is kept.
 * Counts {@code kpi.revenue.consumed{topic, outcome=stored|duplicate|dead_letter}} (or the meter name given).
 */
final class BatchConsumption<E> {

    /** Reads one record; what is wrong with it becomes the dead-letter reason. */
    @FunctionalInterface
    interface Reader<E> {
        E read(ConsumerRecord<String, String> record) throws UnprocessableRecordException;
    }

    /** What storing a batch did. */
    record Outcome(int stored, int duplicates) {
    }

    private final String topic;
    private final Reader<E> reader;
    private final Function<List<E>, Uni<Outcome>> store;
    private final MutinyEmitter<String> deadLetters;
    private final Logger log;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter deadLettered;

    BatchConsumption(String topic, Reader<E> reader, Function<List<E>, Uni<Outcome>> store,
            MutinyEmitter<String> deadLetters, MeterRegistry registry, Logger log) {
        this(topic, reader, store, deadLetters, registry, log, "kpi.revenue.consumed");
    }

    /** The same, counting under another meter name ({@code kpi.snapshots.consumed}, …). */
    BatchConsumption(String topic, Reader<E> reader, Function<List<E>, Uni<Outcome>> store,
            MutinyEmitter<String> deadLetters, MeterRegistry registry, Logger log, String meter) {
        this.topic = topic;
        this.reader = reader;
        this.store = store;
        this.deadLetters = deadLetters;
        this.log = log;
        this.stored = registry.counter(meter, "topic", topic, "outcome", "stored");
        this.duplicates = registry.counter(meter, "topic", topic, "outcome", "duplicate");
        this.deadLettered = registry.counter(meter, "topic", topic, "outcome", "dead_letter");
    }

    Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<E> events = new ArrayList<>(records.count());
        List<Uni<Void>> rejected = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                events.add(reader.read(record));
            } catch (UnprocessableRecordException e) {
                rejected.add(deadLetter(record, e.getMessage()));
            }
        }
        Uni<Void> deadLettersSent = rejected.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(rejected).andFailFast().replaceWithVoid();
        if (events.isEmpty()) {
            return deadLettersSent;
        }
        return deadLettersSent
                .chain(() -> store.apply(events)
                        .onFailure().invoke(e -> log.warnf("Storing %d records of %s failed, retrying: %s",
                                events.size(), topic, e.toString()))
                        .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely())
                .invoke(outcome -> {
                    stored.increment(outcome.stored());
                    duplicates.increment(outcome.duplicates());
                })
                .replaceWithVoid();
    }

    private Uni<Void> deadLetter(ConsumerRecord<String, String> record, String reason) {
        log.warnf("Record at %s-%d@%d sent to the dead-letter topic: %s", record.topic(), record.partition(),
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
}
