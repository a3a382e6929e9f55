package io.growthmetrics.kpi.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * The days of the installations views a refresh must recompute. A ping of day {@code d} changes who is active, and
 * with which attributes, on days {@code d … d + window − 1}, and who was added or removed (against the day before) up
 * to {@code d + window}; nothing after. So a refresh covers each changed day's reach, not every day up to today:
 * replaying a year in time order recomputes the few days the last batches touched, not the whole year each time.
 */
public record DayRange(LocalDate from, LocalDate to) {

    /**
     * @param dirtyDays       days whose installation rows changed since the last refresh
     * @param dirtyFrom       an older mark whose later end is unknown (recomputed up to {@code last}), or null
     * @param materializedTo  the last day the views hold
     * @param window          the active window in days
     * @param today           today (UTC)
     * @param last            the last day to compute at most (today, or tomorrow when a skewed clock sent a ping)
     * @return one range covering all of it, or null when nothing is out of date
     */
    public static DayRange toRecompute(List<LocalDate> dirtyDays, LocalDate dirtyFrom, LocalDate materializedTo,
            int window, LocalDate today, LocalDate last) {
        LocalDate from = null;
        LocalDate to = null;
        for (LocalDate day : dirtyDays) {
            from = earlier(from, day);
            to = later(to, min(day.plusDays(window), last));
        }
        if (dirtyFrom != null) {
            from = earlier(from, dirtyFrom);
            to = last;
        }
        if (materializedTo.isBefore(today)) { // new days: the window carries installations into them
            from = earlier(from, materializedTo.plusDays(1));
            to = later(to, last);
        }
        return from == null ? null : new DayRange(from, to);
    }

    /** The first {@code maxDays} days of this range (all of it when shorter): what one refresh transaction takes on. */
    public DayRange first(int maxDays) {
        LocalDate end = from.plusDays(Math.max(1, maxDays) - 1L);
        return end.isBefore(to) ? new DayRange(from, end) : this;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
