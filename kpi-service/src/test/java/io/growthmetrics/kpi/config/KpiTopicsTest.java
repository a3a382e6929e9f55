package io.growthmetrics.kpi.config;

import io.growthmetrics.support.TopicSpec;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every topic a Kafka channel of kpi-service names is declared, so start-up creates or verifies it. */
class KpiTopicsTest {

    @Test
    void everyChannelTopicIsDeclared() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = KpiTopicsTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        Set<String> channelTopics = new TreeSet<>();
        properties.stringPropertyNames().stream()
                .filter(name -> name.startsWith("mp.messaging.") && name.endsWith(".topic"))
                .forEach(name -> channelTopics.add(properties.getProperty(name).trim()));
        Set<String> declared = new KpiTopics().topics().stream().map(TopicSpec::name)
                .collect(Collectors.toCollection(TreeSet::new));

        assertTrue(channelTopics.size() >= 12, "found the channels: " + channelTopics);
        assertTrue(declared.containsAll(channelTopics), "undeclared: " + channelTopics.stream()
                .filter(t -> !declared.contains(t)).toList());
        KpiTopics.CONSUMED.forEach(t -> assertTrue(declared.contains(t + ".dlq"), t + " has a dead-letter topic"));
        assertEquals(declared.size(), new KpiTopics().topics().size(), "no topic declared twice");
    }
}
