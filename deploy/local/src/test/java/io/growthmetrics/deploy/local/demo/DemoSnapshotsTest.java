package io.growthmetrics.deploy.local.demo;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoSnapshotsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final List<DemoSnapshots.Observation> OBSERVATIONS = DemoSnapshots.generate(20261123L, TODAY, 90);

    @Test
    void ninetyDaysBeforeTodayDeterministic() {
        assertEquals(OBSERVATIONS, DemoSnapshots.generate(20261123L, TODAY, 90));
        List<LocalDate> days = DemoSnapshots.days(TODAY, 90);
        assertEquals(90, days.size());
        assertEquals(TODAY.minusDays(90), days.get(0));
        assertEquals(TODAY.minusDays(1), days.get(89));
        assertTrue(OBSERVATIONS.stream().allMatch(o -> o.observedAt().toString().compareTo(TODAY.toString()) < 0));
    }

    @Test
    void twoFeaturesLaunchMidWayAndGrow() {
        Map<String, LocalDate> firstSeen = OBSERVATIONS.stream().collect(Collectors.toMap(DemoSnapshots.Observation::metric,
                o -> LocalDate.parse(o.observedAt().toString().substring(0, 10)), (a, b) -> a.isBefore(b) ? a : b));
        LocalDate first = TODAY.minusDays(90);
        assertEquals(first, firstSeen.get("platform.teamCount"));
        assertEquals(first.plusDays(DemoSnapshots.MQTT_LAUNCH_DAY), firstSeen.get("mqtt.teams"));
        assertEquals(first.plusDays(DemoSnapshots.TABLES_LAUNCH_DAY), firstSeen.get("tables.databases"));
        List<Long> teams = OBSERVATIONS.stream().filter(o -> o.metric().equals("platform.teamCount"))
                .map(DemoSnapshots.Observation::value).toList();
        assertTrue(teams.get(89) > teams.get(0) * 1.3, "the cloud grows: " + teams.get(0) + " → " + teams.get(89));
    }

    @Test
    void writesTheDocumentedMessageShape() {
        DemoSnapshots.Observation labelled = OBSERVATIONS.stream().filter(o -> !o.labels().isEmpty()).findFirst().orElseThrow();
        assertTrue(labelled.json().matches("\\{\"metric\":\"tables.databases\",\"value\":\\d+,\"observedAt\":\"[0-9T:Z.-]+\","
                + "\"source\":\"tables-team\",\"labels\":\\{\"tier\":\"(pro|enterprise)\"}}"), labelled.json());
    }
}
