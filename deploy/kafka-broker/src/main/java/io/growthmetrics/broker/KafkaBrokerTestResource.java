package io.growthmetrics.broker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Starts a real Kafka broker for a {@code @QuarkusTest} and points the application's Kafka clients at it.
 * The data lives under {@code target/}, so {@code mvn clean} removes it.
 */
public class KafkaBrokerTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        Path dataDir = Path.of("target", "kafka-test", UUID.randomUUID().toString()).toAbsolutePath();
        broker = KafkaBroker.start(dataDir, 0, Duration.ofSeconds(60));
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    /** The running broker, for tests that stop it to see how the service copes. */
    public static KafkaBroker broker() {
        return broker;
    }
}
