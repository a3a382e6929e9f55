package io.growthmetrics.kpi.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one way every kpi-service consumer handles a polled batch, so that a record never blocks its partition and
 * nothing acknowledged is lost:
 * <ol>
 * <li>each record's original bytes are decoded (strict UTF-8), read and checked against the contracts rules; one that
 * breaks them goes to {@code <topic>.dlq} with its original key, value and headers plus {@code dead-letter-reason},
 * {@code dead-letter-topic}, {@code dead-letter-partition} and {@code dead-letter-offset};</li>
 * <li>the others are stored in one go, each attempt bounded by {@code kpi.store-timeout};</li>
 * <li>a batch the database refuses for a data reason ({@link StoreFailures}) is split in halves, down to the one
 * record at fault, which is dead-lettered while the rest is stored (order kept);</li>
 * <li>any other failure (database away or hung, broker away for a dead letter) is retried with back-off
 * ({@code kpi.retry.initial-backoff} … {@code kpi.retry.max-backoff}) for ever, the batch not acknowledged
 * meanwhile: it is a known wait ({@link ConsumerProgress}), never a dead letter.</li>
 * </ol>
 * Counts {@code <meter>{topic, outcome=stored|duplicate|dead_letter}}.
 */
final class BatchConsumption<E> {

    /** Reads and checks one record (value decoded from UTF-8); what is wrong with it becomes the dead-letter reason. */
    @FunctionalInterface
    interface Reader<E> {
        E read(ConsumerRecord<String, String> record, Instant now) throws UnprocessableRecordException;
    }

    /** What storing a batch did. */
    record Outcome(int stored, int duplicates) {
    }

    /** The settings shared by every consumer. */
    record Settings(Duration storeTimeout, Duration initialBackoff, Duration maxBackoff, Clock clock) {
    }

    private static final java.util.Set<String> OWN_HEADERS = java.util.Set.of("dead-letter-reason", "dead-letter-topic",
            "dead-letter-partition", "dead-letter-offset");

    private record Item<E>(ConsumerRecord<byte[], byte[]> record, E event) {
    }

    private final String topic;
    private final Reader<E> reader;
    private final Function<List<E>, Uni<Outcome>> store;
    private final MutinyEmitter<byte[]> deadLetters;
    private final Logger log;
    private final Settings settings;
    private final ConsumerProgress progress;
    private final Counter stored;
    private final Counter duplicates;
    private final Counter deadLettered;

    BatchConsumption(String topic, Reader<E> reader, Function<List<E>, Uni<Outcome>> store,
            MutinyEmitter<byte[]> deadLetters, MeterRegistry registry, Logger log, String meter, Settings settings,
            ConsumerProgress progress) {
        this.topic = topic;
        this.reader = reader;
        this.store = store;
        this.deadLetters = deadLetters;
        this.log = log;
        this.settings = settings;
        this.progress = progress;
        this.stored = registry.counter(meter, "topic", topic, "outcome", "stored");
        this.duplicates = registry.counter(meter, "topic", topic, "outcome", "duplicate");
        this.deadLettered = registry.counter(meter, "topic", topic, "outcome", "dead_letter");
    }

    Uni<Void> consume(ConsumerRecords<byte[], byte[]> records) {
        progress.working();
        Instant now = settings.clock().instant();
        List<Item<E>> items = new ArrayList<>(records.count());
        List<Uni<Void>> rejected = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                items.add(new Item<>(record, reader.read(decoded(record), now)));
            } catch (UnprocessableRecordException e) {
                rejected.add(deadLetter(record, e.getMessage()));
            } catch (RuntimeException e) { // a reader's blind spot must not stop the partition either
                rejected.add(deadLetter(record, RecordChecks.abbreviate("unreadable: " + e)));
            }
        }
        Uni<Void> deadLettersSent = Uni.createFrom().voidItem();
        for (Uni<Void> send : rejected) {
            deadLettersSent = deadLettersSent.chain(() -> send);
        }
        return deadLettersSent
                .chain(() -> storeAll(items))
                .eventually(progress::idle);
    }

    /** Stores the items; a data failure splits them, a transient one is retried for ever. */
    private Uni<Void> storeAll(List<Item<E>> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> {
                    progress.beat();
                    return store.apply(items.stream().map(Item::event).toList());
                })
                .ifNoItem().after(settings.storeTimeout()).fail()
                .invoke(outcome -> {
                    progress.recovered();
                    stored.increment(outcome.stored());
                    duplicates.increment(outcome.duplicates());
                })
                .replaceWithVoid()
                .onFailure(e -> StoreFailures.dataProblem(e) != null).recoverWithUni(e -> split(items, e))
                .onFailure().invoke(e -> {
                    progress.retrying(e);
                    log.warnf("Storing %d records of %s failed, retrying: %s", items.size(), topic, e.toString());
                })
                .onFailure().retry().withBackOff(settings.initialBackoff(), settings.maxBackoff()).indefinitely();
    }

    private Uni<Void> split(List<Item<E>> items, Throwable failure) {
        if (items.size() == 1) {
            return deadLetter(items.get(0).record(), StoreFailures.dataProblem(failure));
        }
        int half = items.size() / 2;
        List<Item<E>> first = List.copyOf(items.subList(0, half));
        List<Item<E>> second = List.copyOf(items.subList(half, items.size()));
        return storeAll(first).chain(() -> storeAll(second));
    }

    /** The record with its value decoded as strict UTF-8 (its key leniently: keys are never stored). */
    private static ConsumerRecord<String, String> decoded(ConsumerRecord<byte[], byte[]> record)
            throws UnprocessableRecordException {
        String value = null;
        if (record.value() != null) {
            try {
                value = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(record.value())).toString();
            } catch (CharacterCodingException e) {
                throw new UnprocessableRecordException("not UTF-8: " + e.getMessage());
            }
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), key, value);
    }

    /** Sends the original record to the dead-letter topic; a failed send is retried for ever (never dropped). */
    private Uni<Void> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!OWN_HEADERS.contains(header.key())) { // e.g. dead-letter-replayed stays
                headers.add(header);
            }
        }
        headers.add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<byte[]> metadata = OutgoingKafkaRecordMetadata.<byte[]>builder()
                .withKey(record.key()).withHeaders(headers).build();
        byte[] value = record.value() == null ? new byte[0] : record.value();
        return Uni.createFrom().deferred(() -> {
                    progress.beat();
                    return deadLetters.sendMessage(Message.of(value).addMetadata(metadata));
                })
                .invoke(() -> {
                    progress.recovered();
                    deadLettered.increment();
                    log.warnf("Record at %s-%d@%d sent to the dead-letter topic: %s", record.topic(),
                            record.partition(), record.offset(), reason);
                })
                .onFailure().invoke(e -> {
                    progress.retrying(e);
                    log.warnf("Sending the record at %s-%d@%d to the dead-letter topic failed, retrying: %s",
                            record.topic(), record.partition(), record.offset(), e.toString());
                })
                .onFailure().retry().withBackOff(settings.initialBackoff(), settings.maxBackoff()).indefinitely();
    }
}
