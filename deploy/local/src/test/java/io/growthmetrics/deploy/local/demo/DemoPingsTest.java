package io.growthmetrics.deploy.local.demo;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoPingsTest {

    /** The end of a day, so the last day is complete. */
    private static final Instant UNTIL = Instant.parse("2026-11-23T23:59:59Z");
    private static final LocalDate LAST_DAY = LocalDate.parse("2026-11-23");
    private static final LocalDate FIRST_DAY = LAST_DAY.minusDays(89);

    private static List<Ping> pings;
    private static Map<LocalDate, Set<String>> installationsByDay;

    @BeforeAll
    static void generate() {
        pings = new DemoPings(DemoPings.DEFAULT_SEED, DemoPings.DEFAULT_DAYS, UNTIL).generate();
        installationsByDay = new TreeMap<>();
        for (Ping p : pings) {
            installationsByDay.computeIfAbsent(p.createdAt().toLocalDate(), d -> new HashSet<>()).add(p.instanceId());
        }
    }

    @Test
    void sameSeedGivesTheSameRowsAndAnotherSeedOtherRows() {
        List<String> again = rows(new DemoPings(DemoPings.DEFAULT_SEED, DemoPings.DEFAULT_DAYS, UNTIL).generate());
        assertEquals(rows(pings), again);
        assertNotEquals(rows(pings), rows(new DemoPings(7, DemoPings.DEFAULT_DAYS, UNTIL).generate()));
    }

    @Test
    void coversNinetyDaysEndingOnTheDayOfUntilAndNothingLater() {
        assertEquals(90, installationsByDay.size());
        assertEquals(FIRST_DAY, installationsByDay.keySet().iterator().next());
        assertEquals(LAST_DAY, ((TreeMap<LocalDate, Set<String>>) installationsByDay).lastKey());

        Instant noon = Instant.parse("2026-11-23T12:00:00Z");
        List<Ping> untilNoon = new DemoPings(DemoPings.DEFAULT_SEED, DemoPings.DEFAULT_DAYS, noon).generate();
        assertTrue(untilNoon.stream().allMatch(p -> !p.createdAt().isAfter(java.time.LocalDateTime.parse("2026-11-23T12:00:00"))));
        assertTrue(untilNoon.size() < pings.size());
        // a prefix of the same data: stopping earlier drops only the later pings
        assertEquals(rows(pings).subList(0, untilNoon.size()), rows(untilNoon));
    }

    @Test
    void severalHundredInstallationsAndOrderedByReceiveTime() {
        long installations = pings.stream().map(Ping::instanceId).distinct().count();
        assertTrue(installations >= 250 && installations <= 600, "installations: " + installations);
        assertTrue(pings.size() > 10_000, "pings: " + pings.size());
        for (int i = 1; i < pings.size(); i++) {
            assertFalse(pings.get(i).createdAt().isBefore(pings.get(i - 1).createdAt()), "out of order at " + i);
        }
        Set<String> keys = new HashSet<>();
        for (Ping p : pings) {
            assertTrue(keys.add(p.instanceId() + "@" + p.createdAt()), "duplicate primary key " + p);
        }
        Pattern uuid = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertTrue(pings.stream().allMatch(p -> uuid.matcher(p.instanceId()).matches()));
    }

    @Test
    void moreInstallationsPingInTheLastWeekThanInTheFirst() {
        Set<String> firstWeek = distinctBetween(FIRST_DAY, FIRST_DAY.plusDays(6));
        Set<String> lastWeek = distinctBetween(LAST_DAY.minusDays(6), LAST_DAY);
        assertTrue(lastWeek.size() > firstWeek.size() * 1.2, firstWeek.size() + " -> " + lastWeek.size());
    }

    @Test
    void someInstallationsGoSilentAndNewOnesAppear() {
        Set<String> firstDay = installationsByDay.get(FIRST_DAY);
        Set<String> lastTwoWeeks = distinctBetween(LAST_DAY.minusDays(13), LAST_DAY);
        long churned = firstDay.stream().filter(id -> !lastTwoWeeks.contains(id)).count();
        assertTrue(churned >= 10, "churned: " + churned);
        Set<String> firstWeek = distinctBetween(FIRST_DAY, FIRST_DAY.plusDays(6));
        long newInLastWeek = distinctBetween(LAST_DAY.minusDays(6), LAST_DAY).stream()
                .filter(id -> !firstWeek.contains(id)).count();
        assertTrue(newInLastWeek >= 50, "new: " + newInLastWeek);
    }

    @Test
    void pingsDailyWithExtraRestartPingsAndSkippedDays() {
        Map<String, Long> perInstallationDay = pings.stream()
                .collect(Collectors.groupingBy(p -> p.instanceId() + p.createdAt().toLocalDate(), Collectors.counting()));
        double average = pings.size() / (double) perInstallationDay.size();
        assertTrue(average > 1.05 && average < 1.6, "pings per installation-day: " + average);
        assertTrue(perInstallationDay.values().stream().anyMatch(n -> n >= 3));

        // installations pinging on the first and the last day, but not on every day in between
        Set<String> always = new HashSet<>(installationsByDay.get(FIRST_DAY));
        always.retainAll(installationsByDay.get(LAST_DAY));
        long withGaps = always.stream()
                .filter(id -> installationsByDay.values().stream().anyMatch(day -> !day.contains(id))).count();
        assertTrue(withGaps > 10, "with skipped days: " + withGaps);
    }

    @Test
    void aMixOfDriversOperatingSystemsAndLicences() {
        Map<String, Long> drivers = countInstallations(Ping::driver);
        assertTrue(drivers.get("localfs") > drivers.get("docker"), drivers.toString());
        assertTrue(drivers.get("docker") > drivers.get("kubernetes"), drivers.toString());
        assertTrue(drivers.get("kubernetes") > 5, drivers.toString());
        assertTrue(drivers.getOrDefault("stub", 0L) >= 2 && drivers.get("stub") < 20, drivers.toString());

        Map<String, Long> os = countInstallations(Ping::osType);
        assertTrue(os.get("Linux") > os.get("Darwin") + os.get("Windows_NT"), os.toString());
        assertTrue(os.get("Darwin") > 5 && os.get("Windows_NT") > 5, os.toString());
        assertEquals(Set.of("Linux"), pings.stream().filter(p -> !p.driver().equals("localfs") && !p.driver().equals("stub"))
                .map(Ping::osType).collect(Collectors.toSet()), "containers report Linux");

        Map<String, Long> licences = countInstallations(p -> String.valueOf(p.licenseType()));
        assertTrue(licences.get("CE") > licences.get("EE"), licences.toString());
        assertTrue(licences.get("EE") > 10 && licences.get("DEV") > 2, licences.toString());
        assertTrue(pings.stream().filter(p -> "CE".equals(p.licenseType())).allMatch(p -> "".equals(p.licenseId())));
        assertTrue(pings.stream().filter(p -> "EE".equals(p.licenseType())).allMatch(p -> p.licenseId().length() == 36));

        assertTrue(pings.stream().map(Ping::nodejsVersion).distinct().count() >= 5);
        assertTrue(pings.stream().allMatch(p -> p.nodejsVersion().startsWith("v")));
    }

    @Test
    void aFewDeveloperBuilds() {
        Map<String, Long> dev = countInstallations(p -> Boolean.toString(p.devBuild()));
        assertTrue(dev.getOrDefault("true", 0L) >= 3, dev.toString());
        assertTrue(dev.get("true") * 10 < dev.get("false"), dev.toString());
        assertTrue(pings.stream().filter(Ping::devBuild).allMatch(p -> p.flowforgeVersion().matches("2\\.\\d+\\.\\d+-git")));
    }

    @Test
    void versionsProgressFrom228To2332AndSomeStayOn1x() {
        assertEquals("2.28.0", mostCommonVersion(FIRST_DAY));
        assertTrue(mostCommonVersion(LAST_DAY).startsWith("2.33."), mostCommonVersion(LAST_DAY));
        assertTrue(versionsOn(LAST_DAY).contains("2.33.2"));
        assertFalse(versionsOn(FIRST_DAY).contains("2.33.2"));
        assertTrue(versionsOn(FIRST_DAY).stream().anyMatch(v -> v.startsWith("1.")));
        assertTrue(versionsOn(LAST_DAY).stream().anyMatch(v -> v.startsWith("1.")));
        // upgrades: installations seen on an older version and later on a newer one
        Map<String, Set<String>> versionsById = pings.stream().collect(Collectors.groupingBy(Ping::instanceId,
                Collectors.mapping(Ping::flowforgeVersion, Collectors.toSet())));
        long upgraded = versionsById.values().stream().filter(v -> v.size() > 1).count();
        assertTrue(upgraded > 50, "upgraded: " + upgraded);
    }

    @Test
    void olderVersionsLackTheFieldsTheyDidNotSend() {
        // before 1.5.0: no licence; before 1.7.0 the suspended count column gets its default 0
        List<Ping> old = pings.stream().filter(p -> Releases.compare(p.flowforgeVersion(), "1.5.0") < 0).toList();
        assertFalse(old.isEmpty());
        old.forEach(p -> {
            assertNull(p.licenseId());
            assertNull(p.licenseType());
            assertEquals(0, p.projectsSuspended());
        });
        // before 2.15.0: no devicesByLastSeen (default 0)
        assertTrue(pings.stream().filter(p -> Releases.compare(p.flowforgeVersion(), "2.15.0") < 0)
                .allMatch(p -> p.devicesNeverSeen() == 0 && p.devicesSeenLastDay() == 0 && p.remoteBrokers() == 0));
        // current versions send everything
        assertTrue(pings.stream().filter(p -> p.flowforgeVersion().startsWith("2.33"))
                .allMatch(p -> p.licenseType() != null && p.brokerEnabled() != null && p.libraryEntries() != null));
        // unlicensed platforms report 0 for the licensed-only counts
        assertTrue(pings.stream().filter(p -> "CE".equals(p.licenseType()))
                .allMatch(p -> p.blueprints() == 0 && p.sharedLibraryEntries() == 0 && p.teamBrokerClients() == 0));
    }

    @Test
    void hostedAndRemoteInstancesGrow() {
        assertTrue(sumOfLatest(LAST_DAY, Ping::projects) > sumOfLatest(FIRST_DAY, Ping::projects));
        assertTrue(sumOfLatest(LAST_DAY, Ping::devices) > sumOfLatest(FIRST_DAY, Ping::devices));
        assertTrue(pings.stream().allMatch(p -> p.projects() >= 0 && p.devices() >= 0 && p.users() >= 1 && p.teams() >= 1));
        assertTrue(pings.stream().allMatch(p -> p.devicesNeverSeen() + p.devicesSeenLastDay() <= p.devices()));
        assertTrue(pings.stream().allMatch(p -> p.projectsSuspended() <= p.projects()));
    }

    @Test
    void everyRowIsAValidCollectorCsvLine() {
        Pattern timestamp = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6}");
        for (Ping p : pings.subList(0, 2000)) {
            List<String> values = PingCsv.values(p);
            assertEquals(PingCsv.COLUMNS.size(), values.size());
            assertTrue(timestamp.matcher(values.get(0)).matches(), values.get(0));
            String row = PingCsv.row(p);
            assertEquals(PingCsv.COLUMNS.size(), PingCsv.records(PingCsv.header() + "\n" + row).get(1).split(",", -1).length,
                    row);
            for (int column : List.of(16, 17, 18)) {
                assertTrue(values.get(column) == null || values.get(column).matches("[tf]"), row);
            }
        }
    }

    private static List<String> rows(List<Ping> list) {
        return list.stream().map(PingCsv::row).toList();
    }

    private static Set<String> distinctBetween(LocalDate from, LocalDate to) {
        Set<String> ids = new HashSet<>();
        installationsByDay.forEach((day, set) -> {
            if (!day.isBefore(from) && !day.isAfter(to)) {
                ids.addAll(set);
            }
        });
        return ids;
    }

    private static Map<String, Long> countInstallations(Function<Ping, String> key) {
        Map<String, Set<String>> ids = new HashMap<>();
        pings.forEach(p -> ids.computeIfAbsent(key.apply(p), k -> new HashSet<>()).add(p.instanceId()));
        Map<String, Long> counts = new TreeMap<>();
        ids.forEach((k, v) -> counts.put(k, (long) v.size()));
        return counts;
    }

    private static Set<String> versionsOn(LocalDate day) {
        return pings.stream().filter(p -> p.createdAt().toLocalDate().equals(day))
                .map(Ping::flowforgeVersion).collect(Collectors.toSet());
    }

    private static String mostCommonVersion(LocalDate day) {
        Map<String, Ping> latest = latestOn(day);
        return latest.values().stream().collect(Collectors.groupingBy(Ping::flowforgeVersion, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static long sumOfLatest(LocalDate day, Function<Ping, Integer> count) {
        return latestOn(day).values().stream().mapToLong(p -> count.apply(p)).sum();
    }

    private static Map<String, Ping> latestOn(LocalDate day) {
        Map<String, Ping> latest = new HashMap<>();
        pings.stream().filter(p -> p.createdAt().toLocalDate().equals(day)).forEach(p -> latest.put(p.instanceId(), p));
        return latest;
    }
}
