package io.growthmetrics.support;

import org.apache.kafka.clients.admin.AdminClientConfig;

import java.util.HashMap;
import java.util.Map;

/** Admin-client settings taken from the service's own Kafka configuration (bootstrap servers, security, …). */
public final class KafkaAdminConfig {

    private KafkaAdminConfig() {
    }

    public static Map<String, Object> from(Map<String, Object> kafkaConfig, String clientId, int timeoutMs) {
        Map<String, Object> props = new HashMap<>();
        AdminClientConfig.configNames().forEach(name -> {
            if (kafkaConfig.containsKey(name)) {
                props.put(name, kafkaConfig.get(name));
            }
        });
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        return props;
    }
}
