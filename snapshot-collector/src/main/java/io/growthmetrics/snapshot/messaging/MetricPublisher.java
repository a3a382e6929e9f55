package io.growthmetrics.snapshot.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.snapshot.config.SnapshotConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes JSON ({@link EventJson}) and dead letters with a plain Kafka producer (acks=all, idempotent): a request's
 * answer waits for its own records' acknowledgement, and an unreachable broker is a prompt error, never a hang.
 */
@ApplicationScoped
public class MetricPublisher {

    /** Kafka did not acknowledge in time, or refused. */
    public static class UnavailableException extends Exception {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Map<String, Object> kafkaConfig;
    private final SnapshotConfig config;
    private final MeterRegistry registry;
    private Producer<String, byte[]> producer;

    @Inject
    public MetricPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, SnapshotConfig config,
            MeterRegistry registry) {
        this.kafkaConfig = kafkaConfig;
        this.config = config;
        this.registry = registry;
    }

    @PostConstruct
    void start() {
        Set<String> known = ProducerConfig.configNames();
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (known.contains(k)) {
                props.put(k, v);
            }
        });
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "snapshot-collector");
        long timeoutMs = config.publishTimeout().toMillis();
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(5000L, timeoutMs));
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(5000L, timeoutMs));
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeoutMs - 1000, 5001));
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(props);
    }

    /** Sends one value as JSON; the future completes when Kafka has acknowledged it (acks=all) or fails. */
    public CompletableFuture<RecordMetadata> publish(String topic, String key, Object value) {
        try {
            return send(new ProducerRecord<>(topic, key, EventJson.mapper().writeValueAsBytes(value)));
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Sends raw bytes with headers (dead letters keep the original bytes). */
    public CompletableFuture<RecordMetadata> publishRaw(String topic, String key, byte[] value, List<Header> headers) {
        return send(new ProducerRecord<>(topic, null, key, value, headers));
    }

    private CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        String topic = record.topic();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    registry.counter("snapshot.records.published", "topic", topic).increment();
                    acked.complete(metadata);
                } else {
                    registry.counter("snapshot.records.publish.failures", "topic", topic).increment();
                    acked.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            registry.counter("snapshot.records.publish.failures", "topic", topic).increment();
            acked.completeExceptionally(e);
        }
        return acked;
    }

    /**
     * Sends every value (keyed by {@code key}) and waits, at most the publish timeout, until all are acknowledged; stops
     * sending at the first the producer cannot even take (no metadata within max.block.ms: no use in waiting more).
     */
    public <T> void publishAll(String topic, List<T> values, java.util.function.Function<T, String> key)
            throws UnavailableException {
        List<CompletableFuture<RecordMetadata>> sent = new java.util.ArrayList<>();
        for (T value : values) {
            CompletableFuture<RecordMetadata> future = publish(topic, key.apply(value), value);
            sent.add(future);
            if (future.isCompletedExceptionally()) {
                break;
            }
        }
        awaitAll(sent);
    }

    public RecordMetadata publishAndWait(String topic, String key, Object value) throws UnavailableException {
        return awaitAll(List.of(publish(topic, key, value))).get(0);
    }

    /** Waits, at most the publish timeout in all, until every record is acknowledged. */
    public List<RecordMetadata> awaitAll(List<CompletableFuture<RecordMetadata>> sent) throws UnavailableException {
        long deadline = System.nanoTime() + config.publishTimeout().toNanos();
        try {
            for (CompletableFuture<RecordMetadata> future : sent) {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return sent.stream().map(CompletableFuture::join).toList();
        } catch (ExecutionException e) {
            throw new UnavailableException("Kafka refused the record: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new UnavailableException("Kafka did not acknowledge within " + config.publishTimeout().toSeconds()
                    + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("Interrupted while waiting for Kafka", e);
        }
    }

    @PreDestroy
    void stop() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
