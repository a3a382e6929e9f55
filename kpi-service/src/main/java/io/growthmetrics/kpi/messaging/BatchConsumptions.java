package io.growthmetrics.kpi.messaging;

import io.growthmetrics.kpi.config.KpiConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.Liveness;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/** Makes the {@link BatchConsumption} of each consumer with the shared settings, registered for liveness. */
@ApplicationScoped
public class BatchConsumptions {

    private final MeterRegistry registry;
    private final ConsumersLiveness liveness;
    private final BatchConsumption.Settings settings;

    public BatchConsumptions(KpiConfig config, Clock clock, MeterRegistry registry,
            @Liveness ConsumersLiveness liveness) {
        this.registry = registry;
        this.liveness = liveness;
        this.settings = new BatchConsumption.Settings(config.storeTimeout(), config.retry().initialBackoff(),
                config.retry().maxBackoff(), clock);
    }

    <E> BatchConsumption<E> create(String topic, BatchConsumption.Reader<E> reader,
            Function<List<E>, Uni<BatchConsumption.Outcome>> store, MutinyEmitter<byte[]> deadLetters, Logger log,
            String meter) {
        return new BatchConsumption<>(topic, reader, store, deadLetters, registry, log, meter, settings,
                liveness.register(topic));
    }
}
