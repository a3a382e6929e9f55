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
    /** This resource's own broker: another resource (a test profile's) may have replaced the static one since. */
    private KafkaBroker started;

    @Override
    public Map<String, String> start() {
        Path dataDir = Path.of("target", "kafka-test", UUID.randomUUID().toString()).toAbsolutePath();
        KafkaBroker own = KafkaBroker.start(dataDir, 0, Duration.ofSeconds(60));
        // Never outlive the test JVM, even when it ends without stop() (a crash, a killed surefire fork).
        Runtime.getRuntime().addShutdownHook(new Thread(own::close, "kafka-test-broker-stop"));
        started = own;
        broker = own;
        return Map.of("kafka.bootstrap.servers", started.bootstrapServers());
    }

    @Override
    public void stop() {
        if (started != null) {
            started.close();
        }
    }

    /** The running broker, for tests that stop it to see how the service copes. */
    public static KafkaBroker broker() {
        return broker;
    }
}
