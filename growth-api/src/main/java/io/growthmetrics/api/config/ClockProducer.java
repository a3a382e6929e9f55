package io.growthmetrics.api.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

public class ClockProducer {

    /** All "today" defaults are UTC days, like the days kpi-service materializes. */
    @Produces
    @ApplicationScoped
    Clock utcClock() {
        return Clock.systemUTC();
    }
}
