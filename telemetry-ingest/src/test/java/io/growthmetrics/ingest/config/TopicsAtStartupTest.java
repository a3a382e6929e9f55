package io.growthmetrics.ingest.config;

import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Once the service has started, its topic exists as the service created it: kept forever, set on the topic
 * itself (not inherited from the broker's defaults, which an operator may change), with the configured partitions.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class TopicsAtStartupTest {

    @Test
    void thePingTopicExistsKeptForeverAfterStart() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            String topic = Topics.TELEMETRY_PINGS_V1;
            assertEquals(6, admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size());
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            for (String name : List.of("retention.ms", "retention.bytes")) {
                ConfigEntry entry = config.get(name);
                assertEquals("-1", entry.value(), name);
                assertEquals(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG, entry.source(), name + " set on the topic");
            }
            assertEquals("delete", config.get("cleanup.policy").value());
            admin.close(Duration.ofSeconds(2));
        }
    }
}
