package io.growthmetrics.support;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Creates the missing topics of a service and checks the existing ones: each must keep its records forever
 * ({@code retention.ms=-1}, {@code retention.bytes=-1}; a compacted one {@code cleanup.policy=compact}) and have
 * at least the configured replication factor. Anything else throws {@link TopicVerificationException} naming
 * every problem, so the service refuses to start on a topic that would silently lose the history it replays.
 */
public final class TopicVerifier {

    private static final Logger LOG = Logger.getLogger(TopicVerifier.class);

    private final Admin admin;
    private final boolean create;
    private static final long RETRY_PAUSE_MILLIS = 200;

    private final int partitions;
    private final short replicationFactor;
    private final Duration timeout;

    public TopicVerifier(Admin admin, boolean create, int partitions, short replicationFactor, Duration timeout) {
        this.admin = admin;
        this.create = create;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.timeout = timeout;
    }

    public TopicVerifier(Admin admin, TopicSettings settings) {
        this(admin, settings.create(), settings.partitions(), settings.replicationFactor(), settings.timeout());
    }

    /** The configs a topic of this spec is created with. */
    public static Map<String, String> creationConfigs(TopicSpec spec) {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG,
                spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
        configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
        configs.put(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
        return configs;
    }

    /** Creates what is missing (if allowed), then checks every topic; throws naming every problem found. */
    public void verify(Collection<TopicSpec> topics) {
        Map<String, TopicSpec> byName = new LinkedHashMap<>();
        topics.forEach(t -> byName.put(t.name(), t));
        List<String> problems = new ArrayList<>();

        Set<String> existing = await(() -> admin.listTopics().names(), "list the topics");
        List<TopicSpec> missing = byName.values().stream().filter(t -> !existing.contains(t.name())).toList();
        if (!missing.isEmpty()) {
            if (create) {
                createAll(missing, problems);
            } else {
                missing.forEach(t -> problems.add("topic '" + t.name() + "' does not exist and creating topics is "
                        + "turned off (growth.topics.create=false). Fix: create it with " + describe(t)
                        + ", or set growth.topics.create=true"));
            }
        }

        List<String> present = byName.keySet().stream()
                .filter(name -> problems.stream().noneMatch(p -> p.startsWith("topic '" + name + "' ")))
                .toList();
        if (!present.isEmpty()) {
            Map<String, TopicDescription> descriptions = await(() -> admin.describeTopics(present).allTopicNames(),
                    "describe the topics");
            List<ConfigResource> resources = present.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
            Map<ConfigResource, Config> configs = await(() -> admin.describeConfigs(resources).all(),
                    "read the topics' configs");
            for (String name : present) {
                check(byName.get(name), descriptions.get(name),
                        configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)), problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new TopicVerificationException(problems);
        }
    }

    private void createAll(List<TopicSpec> missing, List<String> problems) {
        List<NewTopic> newTopics = missing.stream()
                .map(t -> new NewTopic(t.name(), partitions, replicationFactor).configs(creationConfigs(t)))
                .toList();
        Map<String, ? extends Future<Void>> results = admin.createTopics(newTopics).values();
        for (TopicSpec topic : missing) {
            try {
                results.get(topic.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                LOG.infof("Created topic %s: %s", topic.name(), describe(topic));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    continue; // created meanwhile by another service: checked below like any existing topic
                }
                problems.add("topic '" + topic.name() + "' does not exist and could not be created ("
                        + e.getCause() + "). Fix: create it with " + describe(topic)
                        + " (growth.topics.replication-factor must not exceed the number of brokers)");
            } catch (TimeoutException e) {
                throw unreachable("create topic " + topic.name(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unreachable("create topic " + topic.name(), e);
            }
        }
    }

    private void check(TopicSpec spec, TopicDescription description, Config config, List<String> problems) {
        String name = spec.name();
        String policy = value(config, TopicConfig.CLEANUP_POLICY_CONFIG);
        Set<String> policies = policy == null ? Set.of() : Set.of(policy.replace(" ", "").split(","));
        String retentionMs = value(config, TopicConfig.RETENTION_MS_CONFIG);
        String retentionBytes = value(config, TopicConfig.RETENTION_BYTES_CONFIG);
        String alter = "kafka-configs.sh --bootstrap-server <broker> --alter --entity-type topics --entity-name "
                + name + " --add-config ";

        if (spec.compacted() && !policies.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            problems.add("topic '" + name + "' has cleanup.policy=" + policy + " but must be compacted "
                    + "(it keeps the latest value per key). Fix: " + alter + "cleanup.policy=compact");
        }
        if (!spec.compacted() && policies.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            problems.add("topic '" + name + "' has cleanup.policy=" + policy + ", which drops all but the latest "
                    + "record of each key, but its whole history is replayed. Fix: " + alter
                    + "cleanup.policy=delete,retention.ms=-1");
        }
        if (policies.contains(TopicConfig.CLEANUP_POLICY_DELETE) || !spec.compacted()) {
            if (!"-1".equals(retentionMs)) {
                problems.add("topic '" + name + "' has retention.ms=" + retentionMs + ": records older than that "
                        + "are deleted, but the topic's history is replayed to rebuild state and must be kept "
                        + "forever (retention.ms=-1). Fix: " + alter + "retention.ms=-1");
            }
            if (!"-1".equals(retentionBytes)) {
                problems.add("topic '" + name + "' has retention.bytes=" + retentionBytes + ": old records are "
                        + "deleted once a partition is that large, but the topic's history must be kept forever "
                        + "(retention.bytes=-1). Fix: " + alter + "retention.bytes=-1");
            }
        }
        int replicas = description.partitions().stream().mapToInt(p -> p.replicas().size()).min().orElse(0);
        if (replicas < replicationFactor) {
            String partitionsBelow = description.partitions().stream()
                    .filter(p -> p.replicas().size() < replicationFactor)
                    .map(TopicPartitionInfo::partition).map(String::valueOf).collect(Collectors.joining(","));
            problems.add("topic '" + name + "' has replication factor " + replicas + " (partitions " + partitionsBelow
                    + "), below the required " + replicationFactor + " (growth.topics.replication-factor): one "
                    + "broker lost would lose acknowledged records. Fix: add replicas with "
                    + "kafka-reassign-partitions.sh, or lower growth.topics.replication-factor knowingly");
        }
    }

    private String describe(TopicSpec topic) {
        return partitions + " partitions, replication factor " + replicationFactor + ", "
                + creationConfigs(topic).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String value(Config config, String name) {
        ConfigEntry entry = config == null ? null : config.get(name);
        return entry == null ? null : entry.value();
    }

    /**
     * The call's result, asked again while the cluster answers with a retriable error until the timeout: a topic
     * created a moment ago may not be known to every partition leader yet (UnknownTopicOrPartitionException).
     */
    private <T> T await(Supplier<org.apache.kafka.common.KafkaFuture<T>> call, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                return call.get().get(left, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() - deadline >= 0) {
                    throw unreachable(what, e.getCause());
                }
                pause(what);
            } catch (TimeoutException e) {
                throw unreachable(what, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unreachable(what, e);
            }
        }
    }

    private void pause(String what) {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(what, e);
        }
    }

    private TopicVerificationException unreachable(String what, Throwable cause) {
        return new TopicVerificationException(List.of("could not " + what + " within " + timeout
                + " (growth.topics.timeout): " + cause + ". Fix: check that Kafka is reachable at the configured "
                + "kafka.bootstrap.servers"));
    }
}
