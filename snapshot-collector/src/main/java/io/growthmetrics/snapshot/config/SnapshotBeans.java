package io.growthmetrics.snapshot.config;

import io.growthmetrics.snapshot.domain.MetricHistory;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Wires the framework-free classes into CDI. */
public class SnapshotBeans {

    @Produces
    @Singleton
    MetricHistory metricHistory() {
        return new MetricHistory();
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
