package io.growthmetrics.support;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Before the service's Kafka channels start: creates its missing topics and checks every one it uses
 * ({@link TopicVerifier}). A wrong topic stops the start with an error naming the topic, the problem and the fix.
 */
@ApplicationScoped
@IfBuildProperty(name = "growth.kafka.enabled", stringValue = "true", enableIfMissing = true)
public class TopicStartup {

    private static final Logger LOG = Logger.getLogger(TopicStartup.class);

    private final Map<String, Object> kafkaConfig;
    private final TopicSettings settings;
    private final Instance<ServiceTopics> declared;
    private final String application;

    public TopicStartup(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, TopicSettings settings,
            Instance<ServiceTopics> declared,
            @ConfigProperty(name = "quarkus.application.name", defaultValue = "service") String application) {
        this.kafkaConfig = kafkaConfig;
        this.settings = settings;
        this.declared = declared;
        this.application = application;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        Set<TopicSpec> topics = new LinkedHashSet<>();
        declared.forEach(d -> topics.addAll(d.topics()));
        if (topics.isEmpty()) {
            return;
        }
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
        try (Admin admin = Admin.create(KafkaAdminConfig.from(kafkaConfig, application + "-topics", timeoutMs))) {
            new TopicVerifier(admin, settings).verify(topics);
            LOG.infof("Kafka topics verified: %s", topics.stream().map(TopicSpec::name).toList());
        } catch (TopicVerificationException e) {
            LOG.error(e.getMessage());
            throw e;
        }
    }
}
