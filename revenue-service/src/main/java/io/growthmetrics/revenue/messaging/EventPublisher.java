package io.growthmetrics.revenue.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.revenue.config.RevenueConfig;
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
 * Publishes revenue events as JSON ({@link EventJson}) with a plain Kafka producer (acks=all, idempotent). A plain
 * producer rather than a reactive-messaging channel: a request's answer waits for its own records'
 * acknowledgement, and an unreachable broker must become a prompt error for that request, never a hang.
 */
@ApplicationScoped
public class EventPublisher {

    /** Kafka did not acknowledge in time, or refused. */
    public static class UnavailableException extends Exception {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Map<String, Object> kafkaConfig;
    private final RevenueConfig config;
    private final MeterRegistry registry;
    private Producer<String, String> producer;

    @Inject
    public EventPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, RevenueConfig config,
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
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "revenue-service");
        // Bounded waits: a caller gets 503 within the publish timeout, never a hang.
        long timeoutMs = config.publishTimeout().toMillis();
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(5000L, timeoutMs));
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(5000L, timeoutMs));
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeoutMs - 1000, 5001));
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(props);
    }

    /** Sends one record; the future completes when Kafka has acknowledged it (acks=all) or fails. */
    public CompletableFuture<RecordMetadata> publish(String topic, String key, Object value) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        String json;
        try {
            json = EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            acked.completeExceptionally(e);
            return acked;
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, json), (metadata, error) -> {
                if (error == null) {
                    registry.counter("revenue.events.published", "topic", topic).increment();
                    acked.complete(metadata);
                } else {
                    registry.counter("revenue.events.publish.failures", "topic", topic).increment();
                    acked.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            // e.g. no metadata within max.block.ms: the broker is unreachable
            registry.counter("revenue.events.publish.failures", "topic", topic).increment();
            acked.completeExceptionally(e);
        }
        return acked;
    }

    /** Sends one record and waits for its acknowledgement, at most the publish timeout. */
    public RecordMetadata publishAndWait(String topic, String key, Object value) throws UnavailableException {
        return awaitAll(List.of(publish(topic, key, value))).get(0);
    }

    /** Waits, at most the publish timeout in all, until every record is acknowledged. */
    public List<RecordMetadata> awaitAll(List<CompletableFuture<RecordMetadata>> sent) throws UnavailableException {
        return awaitAll(sent, deadline());
    }

    /** The {@link System#nanoTime()} by which a request that starts waiting now must have its acknowledgements. */
    public long deadline() {
        return System.nanoTime() + config.publishTimeout().toNanos();
    }

    /**
     * Waits until every record is acknowledged, at most until {@code deadline} ({@link #deadline()}): one request that
     * waits for several groups of records shares one deadline, so its reply stays within the publish timeout.
     */
    public List<RecordMetadata> awaitAll(List<CompletableFuture<RecordMetadata>> sent, long deadline)
            throws UnavailableException {
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
