package io.growthmetrics.kpi.domain;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The active-installation rules, day by day. An installation is active on day D if it pinged in the window
 * [D − (window − 1), D]; it is counted with its latest ping on or before D. Pings come once a day at a random
 * time (plus one per restart), so a window of several days keeps an installation that pinged yesterday
 * evening and today late from flickering.
 *
 * <p>Feed the rows in day order ({@link #record}), then ask for the figures of the day just fed
 * ({@link #figuresFor}). Memory is one entry per installation seen within the window.
 */
public final class ActivityTracker {

    private final int windowDays;
    private final Map<String, InstallationDay> latest = new HashMap<>();
    private final Map<Boolean, Set<String>> activeYesterday = new HashMap<>();
    private LocalDate lastFigures;
    private LocalDate lastRecorded;

    public ActivityTracker(int windowDays) {
        if (windowDays < 1) {
            throw new IllegalArgumentException("The activity window must be at least 1 day, got " + windowDays);
        }
        this.windowDays = windowDays;
    }

    public int windowDays() {
        return windowDays;
    }

    /** The first day whose rows matter for the figures of {@code day} and of the day before it. */
    public LocalDate firstRelevantDay(LocalDate day) {
        return day.minusDays(windowDays);
    }

    public void record(InstallationDay row) {
        if (lastRecorded != null && row.day().isBefore(lastRecorded)) {
            throw new IllegalArgumentException("Rows must come in day order: " + row.day() + " after " + lastRecorded);
        }
        if (lastFigures != null && !row.day().isAfter(lastFigures)) {
            throw new IllegalArgumentException("Figures for " + lastFigures + " were taken already; got a row of " + row.day());
        }
        lastRecorded = row.day();
        latest.merge(row.instanceId(), row, (old, now) -> now.day().isBefore(old.day()) ? old : now);
    }

    /**
     * The figures of {@code day}, once every row up to that day has been recorded. Days must be asked in
     * order, without gaps, for added/removed to compare with the day before; the first day asked only
     * primes the comparison (its added/removed count against an empty yesterday).
     */
    public List<DayFigures> figuresFor(LocalDate day) {
        if (lastFigures != null && !day.equals(lastFigures.plusDays(1))) {
            throw new IllegalArgumentException("Figures must be asked day after day: " + day + " after " + lastFigures);
        }
        lastFigures = day;
        LocalDate windowStart = day.minusDays(windowDays - 1L);

        Set<String> activeAll = new HashSet<>();
        Set<String> activeHeadline = new HashSet<>();
        Accumulator all = new Accumulator();
        Accumulator headline = new Accumulator();
        for (Iterator<InstallationDay> it = latest.values().iterator(); it.hasNext(); ) {
            InstallationDay installation = it.next();
            if (installation.day().isBefore(windowStart)) {
                it.remove(); // silent for a whole window: inactive from now on unless it pings again
                continue;
            }
            activeAll.add(installation.instanceId());
            all.add(installation);
            if (!installation.isDev()) {
                activeHeadline.add(installation.instanceId());
                headline.add(installation);
            }
        }
        DayFigures withDev = figures(day, true, all, activeAll);
        DayFigures withoutDev = figures(day, false, headline, activeHeadline);
        return List.of(withoutDev, withDev);
    }

    private DayFigures figures(LocalDate day, boolean includeDev, Accumulator totals, Set<String> activeToday) {
        Set<String> before = activeYesterday.getOrDefault(includeDev, Set.of());
        int added = 0;
        for (String id : activeToday) {
            if (!before.contains(id)) {
                added++;
            }
        }
        int removed = 0;
        for (String id : before) {
            if (!activeToday.contains(id)) {
                removed++;
            }
        }
        activeYesterday.put(includeDev, activeToday);
        return new DayFigures(day, includeDev, totals.totals, added, removed, totals.breakdown);
    }

    private static final class Accumulator {
        Totals totals = Totals.ZERO;
        final Map<Dimension, Map<String, Totals>> breakdown = new EnumMap<>(Dimension.class);

        Accumulator() {
            for (Dimension d : Dimension.values()) {
                breakdown.put(d, new TreeMap<>());
            }
        }

        void add(InstallationDay installation) {
            totals = totals.plus(installation);
            for (Dimension d : Dimension.values()) {
                breakdown.get(d).merge(installation.valueOf(d), Totals.ZERO.plus(installation),
                        (a, b) -> new Totals(a.installations() + b.installations(),
                                a.hostedInstances() + b.hostedInstances(), a.remoteInstances() + b.remoteInstances()));
            }
        }
    }
}
