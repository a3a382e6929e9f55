package io.growthmetrics.support;

import io.growthmetrics.broker.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The topic check against a real broker, through the Admin client: creates what is missing, refuses what is wrong. */
class TopicVerifierTest {

    private static KafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBroker.start(Path.of("target", "kafka-test", UUID.randomUUID().toString()).toAbsolutePath(), 0,
                Duration.ofSeconds(60));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
        if (broker != null) {
            broker.close();
        }
    }

    private static TopicVerifier verifier(boolean create, short replication) {
        return new TopicVerifier(admin, create, 3, replication, Duration.ofSeconds(20));
    }

    /** A topic just created may be missing from another broker's listing for a moment: wait until it is listed. */
    private static void awaitListed(String... names) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!admin.listTopics().names().get().containsAll(List.of(names))) {
            assertTrue(System.nanoTime() < deadline, "not listed within 30 s: " + List.of(names));
            Thread.sleep(100);
        }
    }

    private static Config config(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }

    @Test
    void createsMissingTopicsKeptForever() throws Exception {
        verifier(true, (short) 1).verify(List.of(TopicSpec.history("created.v1"), TopicSpec.deadLetterOf("created.v1"),
                TopicSpec.compacted("created.compact.v1")));

        TopicDescription description = admin.describeTopics(List.of("created.v1")).allTopicNames().get().get("created.v1");
        assertEquals(3, description.partitions().size());
        assertEquals("-1", config("created.v1").get("retention.ms").value());
        assertEquals("-1", config("created.v1").get("retention.bytes").value());
        assertEquals("delete", config("created.v1").get("cleanup.policy").value());
        assertEquals("-1", config("created.v1.dlq").get("retention.ms").value());
        assertEquals("compact", config("created.compact.v1").get("cleanup.policy").value());

        // A second start finds them right and changes nothing.
        verifier(true, (short) 1).verify(List.of(TopicSpec.history("created.v1"), TopicSpec.deadLetterOf("created.v1"),
                TopicSpec.compacted("created.compact.v1")));
    }

    @Test
    void refusesATopicThatDeletesItsHistoryNamingTopicProblemAndFix() throws Exception {
        admin.createTopics(List.of(new NewTopic("short.lived.v1", 1, (short) 1)
                .configs(Map.of("retention.ms", "86400000")))).all().get();
        awaitListed("short.lived.v1");

        TopicVerificationException e = assertThrows(TopicVerificationException.class,
                () -> verifier(true, (short) 1).verify(List.of(TopicSpec.history("short.lived.v1"))));

        assertTrue(e.getMessage().startsWith("Refusing to start"), e.getMessage());
        assertTrue(e.getMessage().contains("topic 'short.lived.v1' has retention.ms=86400000"), e.getMessage());
        assertTrue(e.getMessage().contains("--entity-name short.lived.v1 --add-config retention.ms=-1"), e.getMessage());
        assertEquals(1, e.problems().size(), e.getMessage());
        // Not "repaired" behind the operator's back.
        assertEquals("86400000", config("short.lived.v1").get("retention.ms").value());
    }

    @Test
    void refusesAReplicationFactorBelowTheConfiguredOne() throws Exception {
        admin.createTopics(List.of(new NewTopic("single.replica.v1", 2, (short) 1)
                .configs(TopicVerifier.creationConfigs(TopicSpec.history("single.replica.v1"))))).all().get();
        awaitListed("single.replica.v1");

        TopicVerificationException e = assertThrows(TopicVerificationException.class,
                () -> verifier(false, (short) 3).verify(List.of(TopicSpec.history("single.replica.v1"))));

        assertTrue(e.getMessage().contains("topic 'single.replica.v1' has replication factor 1 (partitions 0,1), "
                + "below the required 3 (growth.topics.replication-factor)"), e.getMessage());
    }

    @Test
    void refusesACompactedTopicWhereHistoryIsReplayedAndTheOtherWayRound() throws Exception {
        admin.createTopics(List.of(
                new NewTopic("compacted.wrongly.v1", 1, (short) 1).configs(Map.of("cleanup.policy", "compact")),
                new NewTopic("not.compacted.v1", 1, (short) 1).configs(Map.of("retention.ms", "-1")))).all().get();
        awaitListed("compacted.wrongly.v1", "not.compacted.v1");

        TopicVerificationException e = assertThrows(TopicVerificationException.class, () -> verifier(true, (short) 1)
                .verify(List.of(TopicSpec.history("compacted.wrongly.v1"), TopicSpec.compacted("not.compacted.v1"))));

        assertTrue(e.getMessage().contains("topic 'compacted.wrongly.v1' has cleanup.policy=compact, which drops"),
                e.getMessage());
        assertTrue(e.getMessage().contains("topic 'not.compacted.v1' has cleanup.policy=delete but must be compacted"),
                e.getMessage());
    }

    @Test
    void withCreationTurnedOffAMissingTopicStopsTheStart() throws Exception {
        TopicVerificationException e = assertThrows(TopicVerificationException.class,
                () -> verifier(false, (short) 1).verify(List.of(TopicSpec.history("never.created.v1"))));

        assertTrue(e.getMessage().contains("topic 'never.created.v1' does not exist and creating topics is turned off "
                + "(growth.topics.create=false)"), e.getMessage());
        assertTrue(!admin.listTopics().names().get().contains("never.created.v1"));
    }

    @Test
    void aReplicationFactorTheClusterCannotHaveIsNamedWhenCreating() {
        TopicVerificationException e = assertThrows(TopicVerificationException.class,
                () -> verifier(true, (short) 3).verify(List.of(TopicSpec.history("too.many.replicas.v1"))));

        assertTrue(e.getMessage().contains("topic 'too.many.replicas.v1' does not exist and could not be created"),
                e.getMessage());
    }
}
