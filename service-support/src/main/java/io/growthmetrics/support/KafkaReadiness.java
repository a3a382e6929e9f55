package io.growthmetrics.support;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Ready only while the Kafka cluster answers, within 3 s: a load balancer then stops sending requests that would
 * get 503 anyway. (Bounded, unlike a check that waits for the client's default minute.)
 * A service without Kafka turns it off with the build property {@code growth.kafka.enabled=false}.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "growth.kafka.enabled", stringValue = "true", enableIfMissing = true)
public class KafkaReadiness implements HealthCheck {

    private static final int TIMEOUT_MS = 3000;
    private final Admin admin;

    public KafkaReadiness(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "service") String application) {
        this.admin = Admin.create(KafkaAdminConfig.from(kafkaConfig, application + "-health", TIMEOUT_MS));
    }

    @Override
    public HealthCheckResponse call() {
        try {
            String clusterId = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .clusterId().get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS);
            return HealthCheckResponse.named("kafka").up().withData("clusterId", clusterId).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("kafka").down()
                    .withData("error", e.getCause() == null ? e.toString() : e.getCause().toString()).build();
        }
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
