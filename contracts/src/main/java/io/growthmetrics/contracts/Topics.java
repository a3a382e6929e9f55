package io.growthmetrics.contracts;

/** Kafka topic names. The suffix is the major version of the event schema carried by the topic. */
public final class Topics {

    /** Installation telemetry pings; key = instanceId, value = {@link io.growthmetrics.contracts.telemetry.TelemetryPingEvent}. */
    public static final String TELEMETRY_PINGS_V1 = "telemetry.pings.v1";

    /** Pings kpi-service could not process, with the reason in the {@code dead-letter-reason} header. */
    public static final String TELEMETRY_PINGS_V1_DEAD_LETTER = "telemetry.pings.v1.dlq";

    private Topics() {
    }
}
