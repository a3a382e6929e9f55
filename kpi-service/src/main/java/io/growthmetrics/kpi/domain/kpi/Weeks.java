package io.growthmetrics.kpi.domain.kpi;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** ISO weeks (Monday to Sunday, UTC days) and how daily values make a week's. */
public final class Weeks {

    private Weeks() {
    }

    public static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** {@code 2026-W47}. */
    public static String label(LocalDate monday) {
        return String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /**
     * The weekly values of a daily series: a stock's week is its last day with a value, a flow's the sum of its days.
     * Days after {@code today} are ignored (nothing is known of them yet).
     */
    public static NavigableMap<LocalDate, BigDecimal> ofDays(Map<LocalDate, BigDecimal> days, KpiKind kind,
            LocalDate today) {
        NavigableMap<LocalDate, BigDecimal> weeks = new TreeMap<>();
        new TreeMap<>(days).forEach((day, value) -> {
            if (day.isAfter(today) || value == null) {
                return;
            }
            LocalDate week = monday(day);
            // days come in order: a stock keeps the latest, a flow adds up
            weeks.merge(week, value, kind == KpiKind.STOCK ? (earlier, later) -> later : BigDecimal::add);
        });
        return weeks;
    }
}
