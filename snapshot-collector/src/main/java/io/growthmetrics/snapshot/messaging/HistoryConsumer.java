package io.growthmetrics.snapshot.messaging;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.rules.DailySnapshotRules;
import io.growthmetrics.contracts.snapshot.FeatureMetric;
import io.growthmetrics.snapshot.domain.FeatureMetrics;
import io.growthmetrics.snapshot.domain.InvalidMetricException;
import io.growthmetrics.snapshot.domain.MetricHistory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads {@code feature-adoption.metrics.v1} from the beginning at every start, on a thread of its own, into the
 * in-memory {@link MetricHistory}, and keeps following it. A plain consumer with {@code assign} over all partitions
 * (checked again every few seconds, so a topic created later or new partitions are picked up) and
 * {@code seekToBeginning}: the history is rebuilt from the topic, no consumer-group offsets decide what is read.
 * <p>
 * A malformed record goes to {@code feature-adoption.metrics.v1.dlq} with {@code dead-letter-reason},
 * {@code dead-letter-topic/partition/offset} headers and its original bytes; consumption goes on. So that a restart
 * (which reads everything again) does not dead-letter the same record again, the offset up to which records were
 * dead-lettered is committed under the group {@value #DEAD_LETTER_GROUP} (used for that watermark only).
 */
@ApplicationScoped
public class HistoryConsumer {

    public static final String TOPIC = Topics.FEATURE_ADOPTION_METRICS_V1;
    public static final String DEAD_LETTER_TOPIC = Topics.FEATURE_ADOPTION_METRICS_V1_DEAD_LETTER;
    static final String DEAD_LETTER_GROUP = "snapshot-collector-dead-letter-watermark";

    private static final Logger LOG = Logger.getLogger(HistoryConsumer.class);
    private static final ObjectReader JSON = EventJson.mapper().reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int ADMIN_TIMEOUT_MS = 5000;

    private final Map<String, Object> kafkaConfig;
    private final MetricHistory history;
    private final MetricPublisher publisher;
    private final Counter consumed;
    private final Counter deadLetters;
    private final Admin admin;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean refreshRequested;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public HistoryConsumer(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MetricHistory history,
            MetricPublisher publisher, MeterRegistry registry) {
        this.kafkaConfig = kafkaConfig;
        this.history = history;
        this.publisher = publisher;
        this.consumed = registry.counter("snapshot.observations.consumed");
        this.deadLetters = registry.counter("snapshot.observations.dead.letters");
        registry.gauge("snapshot.series", history, MetricHistory::seriesCount);
        Map<String, Object> props = new HashMap<>();
        AdminClientConfig.configNames().forEach(name -> {
            if (kafkaConfig.containsKey(name)) {
                props.put(name, kafkaConfig.get(name));
            }
        });
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "snapshot-collector-history");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ADMIN_TIMEOUT_MS);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ADMIN_TIMEOUT_MS);
        this.admin = Admin.create(props);
    }

    void onStart(@Observes StartupEvent event) {
        Map<String, Object> props = new HashMap<>();
        Set<String> known = ConsumerConfig.configNames();
        kafkaConfig.forEach((k, v) -> {
            if (known.contains(k)) {
                props.put(k, v);
            }
        });
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "snapshot-collector-history");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, DEAD_LETTER_GROUP);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ADMIN_TIMEOUT_MS);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        running = true;
        thread = new Thread(this::run, "feature-metrics-history");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("Reading %s from the beginning into the snapshot history", TOPIC);
    }

    private void run() {
        KafkaConsumer<String, byte[]> c = consumer;
        Map<TopicPartition, Long> watermarks = new HashMap<>();
        long nextRefresh = 0;
        try {
            while (running) {
                try {
                    if (refreshRequested || System.nanoTime() - nextRefresh >= 0) {
                        refreshRequested = false;
                        nextRefresh = System.nanoTime() + REFRESH_NANOS;
                        refresh(c, watermarks);
                    }
                    if (c.assignment().isEmpty()) {
                        Thread.sleep(200);
                        continue;
                    }
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                    List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>();
                    Map<TopicPartition, OffsetAndMetadata> dead = new HashMap<>();
                    for (ConsumerRecord<String, byte[]> record : records) {
                        String reason = apply(record);
                        if (reason != null) {
                            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                            if (record.offset() < watermarks.getOrDefault(tp, 0L)) {
                                continue; // dead-lettered by an earlier run
                            }
                            sent.add(deadLetter(record, reason));
                            dead.put(tp, new OffsetAndMetadata(record.offset() + 1));
                        }
                    }
                    if (!sent.isEmpty()) {
                        commitWatermarks(c, sent, dead, watermarks);
                    }
                    for (TopicPartition tp : c.assignment()) {
                        positions.put(tp, c.position(tp, Duration.ofSeconds(2)));
                    }
                } catch (WakeupException | InterruptedException e) {
                    if (!running) {
                        break;
                    }
                } catch (Exception e) {
                    LOG.warnf("Reading %s: %s (retrying)", TOPIC, e.toString());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException interrupted) {
                        break;
                    }
                }
            }
        } finally {
            try {
                c.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.debug("Closing the history consumer", e);
            }
        }
    }

    /** Assigns every partition of the topic; new ones are read from their beginning. */
    private void refresh(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> watermarks) {
        List<PartitionInfo> infos = c.partitionsFor(TOPIC, Duration.ofSeconds(2));
        if (infos == null || infos.isEmpty()) {
            return;
        }
        Set<TopicPartition> all = new HashSet<>();
        infos.forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
        Set<TopicPartition> added = new HashSet<>(all);
        added.removeAll(c.assignment());
        if (added.isEmpty()) {
            return;
        }
        try {
            c.committed(added, Duration.ofSeconds(2)).forEach((tp, offset) -> {
                if (offset != null) {
                    watermarks.put(tp, offset.offset());
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("Dead-letter watermark unknown (%s): malformed records may be dead-lettered again", e.toString());
        }
        c.assign(all);
        c.seekToBeginning(added);
        LOG.infof("History reads %s: partitions %s from the beginning", TOPIC, added);
    }

    /** Records the observation; or the reason it is malformed. */
    private String apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return "no value (null record)";
        }
        JsonNode json;
        try {
            json = JSON.readTree(record.value());
        } catch (JacksonException e) {
            return "not JSON: " + e.getOriginalMessage();
        } catch (IOException e) {
            return "not JSON: " + e.getMessage();
        }
        try {
            FeatureMetric metric = FeatureMetrics.parse(json, null, false, "", Instant.now());
            if (!history.record(metric, DailySnapshotRules.MAX_METRICS)) {
                return "series '" + metric.seriesName() + "' would be more than the " + DailySnapshotRules.MAX_METRICS
                        + " series a snapshot holds";
            }
            consumed.increment();
            return null;
        } catch (InvalidMetricException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            return "unreadable: " + e;
        }
    }

    private CompletableFuture<RecordMetadata> deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        LOG.warnf("Record %s-%d@%d sent to %s: %s", record.topic(), record.partition(), record.offset(),
                DEAD_LETTER_TOPIC, reason);
        deadLetters.increment();
        List<Header> headers = new ArrayList<>();
        record.headers().forEach(headers::add);
        headers.add(new RecordHeader("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader("dead-letter-partition",
                Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader("dead-letter-offset",
                Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8)));
        return publisher.publishRaw(DEAD_LETTER_TOPIC, record.key(), record.value(), headers);
    }

    private void commitWatermarks(KafkaConsumer<String, byte[]> c, List<CompletableFuture<RecordMetadata>> sent,
            Map<TopicPartition, OffsetAndMetadata> dead, Map<TopicPartition, Long> watermarks) {
        try {
            publisher.awaitAll(sent);
        } catch (MetricPublisher.UnavailableException e) {
            LOG.errorf("Dead letters not acknowledged (%s); they will be sent again at the next start", e.getMessage());
            return;
        }
        try {
            c.commitSync(dead, Duration.ofSeconds(5));
            dead.forEach((tp, offset) -> watermarks.put(tp, offset.offset()));
        } catch (RuntimeException e) {
            LOG.warnf("Dead-letter watermark not stored (%s)", e.toString());
        }
    }

    /**
     * Waits until the history holds every record that was on the topic when called (bounded).
     *
     * @return false when that was not reached in time (Kafka unreachable, or still reading)
     */
    public boolean awaitCaughtUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> ends = new HashMap<>();
        try {
            TopicDescription description = admin.describeTopics(List.of(TOPIC)).topicNameValues().get(TOPIC)
                    .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            description.partitions().forEach(p -> latest.put(new TopicPartition(TOPIC, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin.listOffsets(latest).all()
                    .get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            offsets.forEach((tp, info) -> ends.put(tp, info.offset()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return true; // nothing published yet
            }
            LOG.warnf("End of %s unknown: %s", TOPIC, e.getCause().toString());
            return false;
        } catch (TimeoutException e) {
            LOG.warnf("End of %s unknown: Kafka did not answer in time", TOPIC);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        refreshRequested = true;
        while (true) {
            boolean caughtUp = ends.entrySet().stream()
                    .allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
            if (caughtUp) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    @PreDestroy
    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        admin.close(Duration.ofSeconds(2));
    }
}
