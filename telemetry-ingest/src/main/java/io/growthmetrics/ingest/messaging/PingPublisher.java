package io.growthmetrics.ingest.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;
import io.growthmetrics.ingest.config.IngestConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes ping envelopes to Kafka, key = instanceId (an installation's pings stay on one partition, in order).
 * A plain Kafka producer rather than a reactive-messaging channel: the HTTP answer waits for this very record's
 * acknowledgement, and an unreachable broker must turn into a prompt error for that request, not a stuck stream.
 */
@ApplicationScoped
public class PingPublisher {

    /**
     * The longest send() may block: it runs on the I/O thread (PingResource), where waiting for topic metadata or for
     * room in the producer's buffer (full after a long outage at a high rate) would stall every connection of that
     * event loop, health checks included. Beyond it the ping fails at once and its sender gets 503.
     */
    static final long MAX_BLOCK_MS = 200;
    private static final Duration METADATA_AT_START = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(PingPublisher.class);

    private final Map<String, Object> kafkaConfig;
    private final IngestConfig config;
    private final Counter published;
    private final Counter failed;
    private final Timer sendLatency;
    private Producer<String, byte[]> producer;

    @Inject
    public PingPublisher(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, IngestConfig config,
            MeterRegistry registry) {
        this.kafkaConfig = kafkaConfig;
        this.config = config;
        this.published = registry.counter("telemetry.pings.published");
        this.failed = registry.counter("telemetry.pings.publish.failures");
        // from send() to Kafka's acknowledgement (acks=all), as a histogram: the alerting side wants quantiles
        this.sendLatency = Timer.builder("telemetry.kafka.send").description("Time from sending a ping to Kafka's "
                + "acknowledgement").publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
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
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "telemetry-ingest");
        // Bounded waits so a sender gets 503 within the publish timeout, never a hang.
        long timeoutMs = config.publishTimeout().toMillis();
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(MAX_BLOCK_MS, timeoutMs));
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(5000L, timeoutMs));
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeoutMs - 1000, 5001));
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(props);
    }

    /**
     * Loads the topic's metadata while the service starts, so the first pings find it and send() does not wait for it
     * on the I/O thread. A broker too slow for it now only means those first pings wait up to MAX_BLOCK_MS (or get 503).
     */
    void loadMetadata(@Observes StartupEvent start) {
        long deadline = System.nanoTime() + METADATA_AT_START.toNanos();
        while (true) {
            try {
                producer.partitionsFor(config.topic());
                return;
            } catch (TimeoutException e) {
                if (System.nanoTime() - deadline > 0) {
                    LOG.warnf("No metadata for %s within %s at start-up; the first pings will ask again",
                            config.topic(), METADATA_AT_START);
                    return;
                }
            } catch (KafkaException e) {
                LOG.warnf("Could not load the metadata of %s at start-up: %s", config.topic(), e.toString());
                return;
            }
        }
    }

    /** Sends the event; the future completes when Kafka has acknowledged it (acks=all) or fails. */
    public CompletableFuture<RecordMetadata> publish(TelemetryPingEvent event) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        byte[] value;
        try {
            value = EventJson.mapper().writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            acked.completeExceptionally(e);
            return acked;
        }
        long start = System.nanoTime();
        try {
            producer.send(new ProducerRecord<>(config.topic(), event.ping().instanceId(), value), (metadata, error) -> {
                sendLatency.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
                if (error == null) {
                    published.increment();
                    acked.complete(metadata);
                } else {
                    failed.increment();
                    acked.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            // e.g. no metadata within max.block.ms: the broker is unreachable
            failed.increment();
            acked.completeExceptionally(e);
        }
        return acked;
    }

    @PreDestroy
    void stop() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
