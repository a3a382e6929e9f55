package io.growthmetrics.revenue.messaging;

import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.revenue.config.RevenueConfig;
import io.growthmetrics.revenue.stripe.StripeObjectCache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the Stripe terms MRR depends on (coupons, which coupon a discount applies, tiered prices) on the compacted
 * topic {@code revenue.stripe-terms.v1}, so that a restart does not count discounts as none (webhook payloads name a
 * discount's coupon once, when it is created, and without {@code STRIPE_API_KEY} nothing else can tell it again).
 * <ul>
 *   <li>Everything {@link StripeObjectCache} learns anew is published (key {@code coupon:<id>}, {@code discount:<id>}
 *       or {@code price:<id>}, value the terms as JSON); the webhook answers 200 only once these are acknowledged
 *       ({@link #awaitPending}).</li>
 *   <li>At start-up the topic is read from the beginning to its end into the cache before webhooks are handled
 *       ({@link #loaded()}; until then the webhook answers 503 and Stripe retries). When Kafka is not reachable, the
 *       read is retried in the background.</li>
 * </ul>
 * The topic is created compacted ({@code cleanup.policy=compact}, {@code retention.ms=-1}) when missing.
 */
@ApplicationScoped
public class StripeTermsStore {

    public static final String TOPIC = Topics.REVENUE_STRIPE_TERMS_V1;
    private static final Logger LOG = Logger.getLogger(StripeTermsStore.class);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);

    private final Map<String, Object> kafkaConfig;
    private final StripeObjectCache cache;
    private final EventPublisher publisher;
    private final RevenueConfig config;
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private volatile boolean loaded;
    private volatile boolean stopping;
    private Thread retry;

    public StripeTermsStore(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, StripeObjectCache cache,
            EventPublisher publisher, RevenueConfig config) {
        this.kafkaConfig = kafkaConfig;
        this.cache = cache;
        this.publisher = publisher;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        cache.onLearned(this::learned);
        if (tryLoad()) {
            return;
        }
        retry = new Thread(() -> {
            long waitMs = 2000;
            while (!stopping && !loaded) {
                try {
                    Thread.sleep(waitMs);
                } catch (InterruptedException e) {
                    return;
                }
                waitMs = Math.min(30_000, waitMs * 2);
                tryLoad();
            }
        }, "stripe-terms-loader");
        retry.setDaemon(true);
        retry.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (retry != null) {
            retry.interrupt();
        }
    }

    /** Whether the terms kept on the topic are in the cache: until then a webhook could be valued without them. */
    public boolean loaded() {
        return loaded;
    }

    private boolean tryLoad() {
        try {
            int count = load();
            loaded = true;
            LOG.infof("Stripe terms restored from %s: %d entries", TOPIC, count);
            return true;
        } catch (Exception e) {
            LOG.warnf("Stripe terms not restored from %s yet (%s): the webhook answers 503 until they are", TOPIC,
                    e.toString());
            return false;
        }
    }

    /** Creates the topic when missing, then reads it from the beginning to its current end into the cache. */
    public int load() throws Exception {
        ensureTopic();
        Map<String, Object> props = new HashMap<>();
        Set<String> known = ConsumerConfig.configNames();
        kafkaConfig.forEach((k, v) -> {
            if (known.contains(k)) {
                props.put(k, v);
            }
        });
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "revenue-service-stripe-terms");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) STEP_TIMEOUT.toMillis());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        int count = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<PartitionInfo> infos = consumer.partitionsFor(TOPIC, STEP_TIMEOUT);
            List<TopicPartition> partitions = new ArrayList<>();
            infos.forEach(p -> partitions.add(new TopicPartition(TOPIC, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, STEP_TIMEOUT);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!caughtUp(consumer, ends)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("reading " + TOPIC + " took longer than 2 minutes");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (restore(record.key(), record.value())) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    private static boolean caughtUp(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey(), STEP_TIMEOUT) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** One record of the topic into the cache; false (and a warning) for one that cannot be read. */
    boolean restore(String key, String value) {
        Class<?> type = StripeObjectCache.valueType(key);
        if (type == null || value == null) {
            LOG.warnf("Skipped a record of %s with key %s", TOPIC, key == null ? "null" : key);
            return false;
        }
        try {
            cache.restore(key, EventJson.mapper().readValue(value, type));
            return true;
        } catch (Exception e) {
            LOG.warnf("Skipped the record %s of %s: %s", key, TOPIC, e.getClass().getSimpleName());
            return false;
        }
    }

    private void ensureTopic() throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        Map<String, Object> props = new HashMap<>();
        AdminClientConfig.configNames().forEach(name -> {
            if (kafkaConfig.containsKey(name)) {
                props.put(name, kafkaConfig.get(name));
            }
        });
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "revenue-service-stripe-terms");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) STEP_TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) STEP_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(props)) {
            NewTopic topic = new NewTopic(TOPIC, Optional.of(1), Optional.empty()).configs(Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.RETENTION_MS_CONFIG, "-1"));
            try {
                admin.createTopics(List.of(topic)).all().get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                LOG.infof("Created the compacted topic %s", TOPIC);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /** A term being published; one whose publication failed is published again by the next {@link #awaitPending}. */
    private record Pending(String key, Object value, CompletableFuture<RecordMetadata> sent) {
    }

    private void learned(String key, Object value) {
        if (pending.size() > 1000) {
            pending.removeIf(p -> p.sent().isDone() && !p.sent().isCompletedExceptionally());
        }
        pending.add(new Pending(key, value, publisher.publish(TOPIC, key, value)));
    }

    /**
     * Waits (at most until {@code deadline}, see {@link EventPublisher#deadline()}) until every term learned so far is
     * on the topic, publishing again those whose earlier publication failed.
     */
    public void awaitPending(long deadline) throws EventPublisher.UnavailableException {
        List<Pending> waiting = new ArrayList<>();
        Pending next;
        while ((next = pending.poll()) != null) {
            waiting.add(next.sent().isCompletedExceptionally()
                    ? new Pending(next.key(), next.value(), publisher.publish(TOPIC, next.key(), next.value())) : next);
        }
        try {
            publisher.awaitAll(waiting.stream().map(Pending::sent).toList(), deadline);
        } catch (EventPublisher.UnavailableException e) {
            waiting.stream().filter(p -> !p.sent().isDone() || p.sent().isCompletedExceptionally()).forEach(pending::add);
            throw e;
        }
    }
}
