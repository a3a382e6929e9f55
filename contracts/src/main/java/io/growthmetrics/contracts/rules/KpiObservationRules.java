package io.growthmetrics.contracts.rules;

import io.growthmetrics.contracts.kpi.KpiObservation;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules of a {@code kpi.observations.v1} observation, as kpi-service's {@code kpi_observation} stores it: the
 * KPI's key ({@code varchar(64)}), the value in {@code numeric} (38 digits before the point, 18 after), a real ISO week
 * or a moment within {@link EventTimes}, the source ({@code varchar(128)}).
 */
public final class KpiObservationRules {

    public static final int KEY = 64;
    /** What a KPI's key may be made of, e.g. {@code nrActiveInstances} or {@code sales.mqls}. */
    public static final Pattern KEY_PATTERN = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    public static final Pattern PERIOD = Pattern.compile("\\d{4}-W\\d{2}");
    public static final int SOURCE = 128;
    public static final int VALUE_INTEGER_DIGITS = 38;
    public static final int VALUE_FRACTION_DIGITS = 18;

    private KpiObservationRules() {
    }

    public static Violations check(KpiObservation o, Instant now) {
        Violations v = new Violations();
        key(v, "kpi", o.kpi());
        v.required("value", o.value())
                .number("value", o.value(), VALUE_INTEGER_DIGITS, VALUE_FRACTION_DIGITS)
                .requiredText("source", o.source(), SOURCE);
        if ((o.period() == null) == (o.observedAt() == null)) {
            v.field(o.period() == null ? "period" : "observedAt",
                    "exactly one of 'period' (an ISO week such as 2026-W47) and 'observedAt' (an instant) is required");
        } else if (o.period() != null) {
            Optional<LocalDate> monday = weekStart(o.period());
            if (monday.isEmpty()) {
                v.field("period", "'period' must be an ISO week such as 2026-W47 (a year, -W, and a week that year has)");
            } else if (monday.get().isBefore(EventTimes.EARLIEST_DAY)
                    || monday.get().atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(EventTimes.latestObservation(now))) {
                v.field("period", "'period' must be a week from " + EventTimes.EARLIEST_DAY + " to the current one, got "
                        + o.period());
            }
        } else {
            v.instant("observedAt", o.observedAt(), EventTimes.EARLIEST, EventTimes.latestObservation(now));
        }
        return v;
    }

    /** A KPI key: required, at most {@link #KEY} characters of {@link #KEY_PATTERN}. */
    public static Violations key(Violations v, String field, String key) {
        v.requiredText(field, key, KEY);
        if (key != null && !key.isBlank() && key.length() <= KEY && !KEY_PATTERN.matcher(key).matches()) {
            v.field(field, "'" + field + "' must start with a letter and contain only letters, digits and _ . -");
        }
        return v;
    }

    /** The Monday of an ISO week written {@code 2026-W47}; empty when it is not one (2026-W54, 2026-W7, …). */
    public static Optional<LocalDate> weekStart(String period) {
        if (period == null || !PERIOD.matcher(period).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(period + "-1", DateTimeFormatter.ISO_WEEK_DATE));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
