package io.growthmetrics.kpi.config;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Pauses the scheduled refreshes as soon as the service begins to stop. Stopping closes the database pool while the
 * Kafka consumers still close one after another (seconds each): the refreshes that kept firing meanwhile each logged
 * a "Pool closed" warning every 2 s, on every ordinary stop.
 */
@ApplicationScoped
public class StopSchedulesFirst {

    void pause(@Observes ShutdownEvent stopping, Scheduler scheduler) {
        scheduler.pause();
    }
}
