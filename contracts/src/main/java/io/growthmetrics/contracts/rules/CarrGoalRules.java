package io.growthmetrics.contracts.rules;

import io.growthmetrics.contracts.revenue.CarrGoalEvent;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of a {@code revenue.carr-goals.v1} goal, as kpi-service's {@code carr_goal} stores it: the quarter
 * ({@code varchar(7)}, {@code 2026-Q4}) of a year from {@link EventTimes#EARLIEST_DAY} to
 * {@link EventTimes#LATEST_PLANNED_DAY}, the goal in {@code bigint} (≥ 0).
 */
public final class CarrGoalRules {

    public static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    private CarrGoalRules() {
    }

    public static Violations check(CarrGoalEvent g, Instant now) {
        Violations v = new Violations()
                .requiredText("eventId", g.eventId(), RevenueRules.ID)
                .required("updatedAt", g.updatedAt())
                .instant("updatedAt", g.updatedAt(), EventTimes.EARLIEST, EventTimes.latestObservation(now));
        quarter(v, "quarter", g.quarter());
        RevenueRules.currency(v, "currency", g.currency(), true);
        return v.range("goalCents", g.goalCents(), 0, Long.MAX_VALUE);
    }

    /** A quarter like {@code 2026-Q4} whose year lies within {@link EventTimes}. */
    public static Violations quarter(Violations v, String field, String quarter) {
        if (quarter == null || quarter.isBlank()) {
            return v.required(field, null);
        }
        Matcher m = QUARTER.matcher(quarter);
        if (!m.matches()) {
            return v.field(field, "'" + field + "' must look like 2026-Q4 (a year, -Q, and 1 to 4)");
        }
        int year = Integer.parseInt(m.group(1));
        int earliest = EventTimes.EARLIEST_DAY.getYear();
        int latest = EventTimes.LATEST_PLANNED_DAY.getYear();
        if (year < earliest || year > latest) {
            v.field(field, "'" + field + "' must be a quarter of a year from " + earliest + " to " + latest + ", got "
                    + year);
        }
        return v;
    }
}
