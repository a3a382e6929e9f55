package io.growthmetrics.kpi.messaging;

import io.growthmetrics.kpi.config.KpiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Liveness check {@code kpi-consumers}: DOWN only when a consumer is stuck — working on a batch with no heartbeat for
 * longer than {@code kpi.consumer-stuck-after} while not retrying. A consumer waiting out a database outage is
 * retrying: UP, with its state, retries and last error in the check's data.
 */
@Liveness
@ApplicationScoped
public class ConsumersLiveness implements HealthCheck {

    public static final String NAME = "kpi-consumers";

    private final List<ConsumerProgress> consumers = new CopyOnWriteArrayList<>();
    private final Duration stuckAfter;
    private final Clock clock;

    public ConsumersLiveness(KpiConfig config, Clock clock) {
        this.stuckAfter = config.consumerStuckAfter();
        this.clock = clock;
    }

    /** A new consumer's progress, watched from now on. */
    ConsumerProgress register(String topic) {
        ConsumerProgress progress = new ConsumerProgress(topic, clock);
        consumers.add(progress);
        return progress;
    }

    public List<ConsumerProgress> consumers() {
        return List.copyOf(consumers);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        for (ConsumerProgress c : consumers) {
            boolean stuck = c.stuck(stuckAfter);
            if (stuck) {
                response.down();
            }
            String state = stuck ? "STUCK" : c.state().name();
            if (c.state() == ConsumerProgress.State.RETRYING) {
                state += " since " + c.retryingSince() + " (" + c.retries() + " retries, last: " + c.lastError() + ")";
            }
            response.withData(c.topic(), state + ", heartbeat " + c.heartbeat());
        }
        return response.build();
    }
}
