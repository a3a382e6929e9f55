package io.growthmetrics.kpi.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ActivityTrackerTest {

    private static final LocalDate D0 = LocalDate.of(2026, 3, 1);

    @Test
    void activeForTheWholeWindowAfterAPingThenRemoved() {
        Map<LocalDate, DayFigures> days = run(7, D0, D0.plusDays(10), List.of(ping("a", 0, 3, 2)), false);
        for (int d = 0; d <= 6; d++) {
            assertEquals(1, days.get(D0.plusDays(d)).totals().installations(), "day " + d);
        }
        assertEquals(1, days.get(D0).added());
        assertEquals(0, days.get(D0.plusDays(1)).added());
        assertEquals(0, days.get(D0.plusDays(7)).totals().installations());
        assertEquals(1, days.get(D0.plusDays(7)).removed());
        assertEquals(0, days.get(D0.plusDays(8)).removed());
    }

    @Test
    void aGapShorterThanTheWindowKeepsItActiveALongerOneRemovesAndAddsItAgain() {
        List<InstallationDay> rows = List.of(ping("a", 0, 1, 0), ping("a", 5, 1, 0), ping("a", 20, 1, 0));
        Map<LocalDate, DayFigures> days = run(7, D0, D0.plusDays(30), rows, false);
        for (int d = 0; d <= 11; d++) {
            assertEquals(1, days.get(D0.plusDays(d)).totals().installations(), "day " + d);
        }
        int added = 0;
        int removed = 0;
        for (DayFigures f : days.values()) {
            added += f.added();
            removed += f.removed();
        }
        assertEquals(1, days.get(D0.plusDays(12)).removed(), "silent for 7 days after day 5");
        assertEquals(1, days.get(D0.plusDays(20)).added(), "back after the gap");
        assertEquals(1, days.get(D0.plusDays(27)).removed());
        assertEquals(2, added);
        assertEquals(2, removed);
    }

    @Test
    void countsComeFromTheLatestPingOnOrBeforeTheDay() {
        List<InstallationDay> rows = List.of(ping("a", 0, 3, 10), ping("a", 2, 5, 40), ping("b", 1, 1, 1));
        Map<LocalDate, DayFigures> days = run(7, D0, D0.plusDays(3), rows, false);
        assertEquals(new Totals(1, 3, 10), days.get(D0).totals());
        assertEquals(new Totals(2, 4, 11), days.get(D0.plusDays(1)).totals());
        assertEquals(new Totals(2, 6, 41), days.get(D0.plusDays(2)).totals());
        assertEquals(new Totals(2, 6, 41), days.get(D0.plusDays(3)).totals(), "no ping on day 3: day 2's counts hold");
    }

    @Test
    void devBuildsAndStubPlatformsCountOnlyWithIncludeDev() {
        List<InstallationDay> rows = List.of(
                ping("real", 0, 2, 0),
                new InstallationDay(D0, "git", "localfs", "Linux", "2.34.0-git", "v20", "CE", 5, 5),
                new InstallationDay(D0, "stub", "stub", "Linux", "2.33.0", "v20", "CE", 7, 7),
                // the developer switches to a release build on day 2: from then on it is a real installation
                new InstallationDay(D0.plusDays(2), "git", "localfs", "Linux", "2.34.0", "v20", "CE", 5, 5));
        Map<LocalDate, DayFigures> headline = run(7, D0, D0.plusDays(3), rows, false);
        Map<LocalDate, DayFigures> all = run(7, D0, D0.plusDays(3), rows, true);
        assertEquals(new Totals(1, 2, 0), headline.get(D0).totals());
        assertEquals(new Totals(3, 14, 12), all.get(D0).totals());
        assertEquals(2, headline.get(D0.plusDays(2)).totals().installations());
        assertEquals(1, headline.get(D0.plusDays(2)).added());
        assertEquals(0, all.get(D0.plusDays(2)).added());
    }

    @Test
    void breakdownsAddUpToTheTotalsAndUseTheLatestAttributes() {
        List<InstallationDay> rows = List.of(
                new InstallationDay(D0, "a", "docker", "Linux", "2.32.0", "v20.1", "CE", 1, 2),
                new InstallationDay(D0, "b", "kubernetes", "Linux", "2.33.0", "v20.1", "EE", 3, 4),
                new InstallationDay(D0, "c", "localfs", "Darwin", "1.0.2", "v16.19.0", InstallationDay.UNKNOWN, 5, 6),
                new InstallationDay(D0.plusDays(1), "a", "docker", "Linux", "2.33.0", "v20.1", "CE", 1, 2));
        Map<LocalDate, DayFigures> days = run(7, D0, D0.plusDays(1), rows, false);
        DayFigures day1 = days.get(D0.plusDays(1));
        assertEquals(Map.of("2.33.0", new Totals(2, 4, 6), "1.0.2", new Totals(1, 5, 6)),
                day1.breakdown().get(Dimension.VERSION), "a upgraded to 2.33.0 on day 1");
        assertEquals(Map.of("CE", new Totals(1, 1, 2), "EE", new Totals(1, 3, 4), "unknown", new Totals(1, 5, 6)),
                day1.breakdown().get(Dimension.LICENSE));
        for (Dimension d : Dimension.values()) {
            Totals sum = day1.breakdown().get(d).values().stream().reduce(Totals.ZERO,
                    (x, y) -> new Totals(x.installations() + y.installations(),
                            x.hostedInstances() + y.hostedInstances(), x.remoteInstances() + y.remoteInstances()));
            assertEquals(day1.totals(), sum, d.key());
        }
    }

    /** Random installations pinging at random with random gaps, dev builds among them: the identity always holds. */
    @Test
    void installationsOfADayAreYesterdaysPlusAddedMinusRemoved() {
        Random random = new Random(42);
        List<InstallationDay> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int day = random.nextInt(60);
            boolean dev = random.nextInt(10) == 0;
            while (day < 120) {
                rows.add(new InstallationDay(D0.plusDays(day), "i" + i, dev ? "stub" : "docker", "Linux",
                        random.nextBoolean() ? "2.33.0" : "2.32.0", "v20", "CE", random.nextInt(5), random.nextInt(9)));
                day += 1 + (random.nextInt(8) == 0 ? random.nextInt(15) : 0);
            }
        }
        rows.sort(Comparator.comparing(InstallationDay::day));
        for (boolean includeDev : new boolean[] {false, true}) {
            Map<LocalDate, DayFigures> days = run(7, D0, D0.plusDays(130), rows, includeDev);
            int yesterday = 0;
            for (LocalDate d = D0; !d.isAfter(D0.plusDays(130)); d = d.plusDays(1)) {
                DayFigures f = days.get(d);
                assertEquals(yesterday + f.added() - f.removed(), f.totals().installations(), d + " dev=" + includeDev);
                yesterday = f.totals().installations();
            }
            assertEquals(0, yesterday, "all silent at the end");
        }
    }

    @Test
    void theWindowIsConfigurable() {
        Map<LocalDate, DayFigures> oneDay = run(1, D0, D0.plusDays(2), List.of(ping("a", 0, 1, 1)), false);
        assertEquals(1, oneDay.get(D0).totals().installations());
        assertEquals(0, oneDay.get(D0.plusDays(1)).totals().installations());
        assertThrows(IllegalArgumentException.class, () -> new ActivityTracker(0));
    }

    @Test
    void refusesRowsOutOfOrderAndDaysWithGaps() {
        ActivityTracker tracker = new ActivityTracker(7);
        tracker.record(ping("a", 2, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> tracker.record(ping("b", 1, 0, 0)));
        tracker.figuresFor(D0.plusDays(2));
        assertThrows(IllegalArgumentException.class, () -> tracker.figuresFor(D0.plusDays(4)));
        assertThrows(IllegalArgumentException.class, () -> tracker.record(ping("c", 2, 0, 0)));
    }

    private static InstallationDay ping(String id, int day, long hosted, long remote) {
        return new InstallationDay(D0.plusDays(day), id, "docker", "Linux", "2.33.0", "v20.19.4", "CE", hosted, remote);
    }

    private static Map<LocalDate, DayFigures> run(int window, LocalDate from, LocalDate to, List<InstallationDay> rows,
            boolean includeDev) {
        rows = rows.stream().sorted(Comparator.comparing(InstallationDay::day)).toList();
        ActivityTracker tracker = new ActivityTracker(window);
        Map<LocalDate, DayFigures> result = new HashMap<>();
        int next = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            while (next < rows.size() && !rows.get(next).day().isAfter(day)) {
                tracker.record(rows.get(next++));
            }
            for (DayFigures f : tracker.figuresFor(day)) {
                if (f.includeDev() == includeDev) {
                    result.put(day, f);
                }
            }
        }
        return result;
    }
}
