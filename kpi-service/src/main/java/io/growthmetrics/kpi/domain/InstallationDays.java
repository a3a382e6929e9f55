package io.growthmetrics.kpi.domain;

import io.growthmetrics.contracts.telemetry.TelemetryPing;
import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Function;

/** Reads the attributes the views need out of a ping envelope. */
public final class InstallationDays {

    private InstallationDays() {
    }

    /** The UTC day a ping counts for: the day the collector received it. */
    public static LocalDate dayOf(TelemetryPingEvent event) {
        return LocalDate.ofInstant(event.receivedAt(), ZoneOffset.UTC);
    }

    public static InstallationDay of(TelemetryPingEvent event) {
        TelemetryPing ping = event.ping();
        Optional<TelemetryPing.Platform> platform = Optional.ofNullable(ping.platform());
        Optional<TelemetryPing.Counts> counts = platform.map(TelemetryPing.Platform::counts);
        return new InstallationDay(
                dayOf(event),
                ping.instanceId(),
                text(platform.map(TelemetryPing.Platform::config).map(TelemetryPing.Config::driver)),
                text(Optional.ofNullable(ping.os()).map(TelemetryPing.Os::type)),
                text(Optional.ofNullable(ping.env()).map(TelemetryPing.Env::flowforge)),
                text(Optional.ofNullable(ping.env()).map(TelemetryPing.Env::nodejs)),
                text(platform.map(TelemetryPing.Platform::license).map(TelemetryPing.License::type)),
                count(counts, TelemetryPing.Counts::projects),
                count(counts, TelemetryPing.Counts::devices));
    }

    private static String text(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).orElse(InstallationDay.UNKNOWN);
    }

    private static long count(Optional<TelemetryPing.Counts> counts, Function<TelemetryPing.Counts, Long> field) {
        return counts.map(field).orElse(0L);
    }
}
