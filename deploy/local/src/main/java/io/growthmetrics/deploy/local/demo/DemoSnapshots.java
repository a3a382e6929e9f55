package io.growthmetrics.deploy.local.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The hosted cloud's usage for the demo, as feature-adoption observations: one a day per metric for 90 days. The
 * platform's own counts grow throughout; two features launch mid-way (the MQTT team broker on day 30, Tables on
 * day 55), so their metrics first appear then and climb as teams adopt them. Deterministic for a seed.
 */
public final class DemoSnapshots {

    public static final int MQTT_LAUNCH_DAY = 30;
    public static final int TABLES_LAUNCH_DAY = 55;

    /** One observation, as POST /api/v1/feature-metrics takes it. */
    public record Observation(String metric, long value, Instant observedAt, String source, Map<String, String> labels) {

        public String json() {
            StringBuilder labelsJson = new StringBuilder();
            new TreeMap<>(labels).forEach((k, v) -> labelsJson.append(labelsJson.length() == 0 ? "" : ",")
                    .append('"').append(k).append("\":\"").append(v).append('"'));
            return String.format(Locale.ROOT, "{\"metric\":\"%s\",\"value\":%d,\"observedAt\":\"%s\",\"source\":\"%s\"%s}",
                    metric, value, observedAt, source, labels.isEmpty() ? "" : ",\"labels\":{" + labelsJson + "}");
        }
    }

    private DemoSnapshots() {
    }

    /** The days observed: the {@code days} days before {@code today} (today's snapshot is taken tomorrow). */
    public static List<LocalDate> days(LocalDate today, int days) {
        List<LocalDate> result = new ArrayList<>();
        for (int i = days; i >= 1; i--) {
            result.add(today.minusDays(i));
        }
        return result;
    }

    public static List<Observation> generate(long seed, LocalDate today, int days) {
        Random random = new Random(seed);
        List<Observation> observations = new ArrayList<>();
        List<LocalDate> dates = days(today, days);
        double teams = 1800;
        for (int d = 0; d < dates.size(); d++) {
            Instant at = dates.get(d).atTime(12, 0).toInstant(ZoneOffset.UTC).plusSeconds(random.nextInt(3600));
            teams *= 1.004 + random.nextDouble() * 0.004;
            long teamCount = Math.round(teams);
            long starter = Math.round(teamCount * 0.78);
            long team = Math.round(teamCount * 0.18);
            long running = Math.round(teamCount * 1.9);
            long suspended = Math.round(teamCount * 0.35);
            long devices = Math.round(teamCount * 4.2 + d * 12);
            add(observations, "platform.teamCount", teamCount, at, "platform");
            add(observations, "platform.teamsByType.Starter", starter, at, "platform");
            add(observations, "platform.teamsByType.Team", team, at, "platform");
            add(observations, "platform.teamsByType.Enterprise", teamCount - starter - team, at, "platform");
            add(observations, "platform.instanceCount", running + suspended, at, "platform");
            add(observations, "platform.instancesByState.running", running, at, "platform");
            add(observations, "platform.instancesByState.suspended", suspended, at, "platform");
            add(observations, "platform.deviceCount", devices, at, "platform");
            add(observations, "platform.teamsWithDevices", Math.round(teamCount * (0.31 + d * 0.0008)), at, "platform");
            if (d >= MQTT_LAUNCH_DAY) {
                int since = d - MQTT_LAUNCH_DAY;
                long teamsUsing = Math.round(12 + since * 3.1 + random.nextInt(4));
                add(observations, "mqtt.teams", teamsUsing, at, "broker-team");
                add(observations, "mqtt.clients", Math.round(teamsUsing * 6.5), at, "broker-team");
            }
            if (d >= TABLES_LAUNCH_DAY) {
                int since = d - TABLES_LAUNCH_DAY;
                long pro = Math.round(4 + since * 1.6 + random.nextInt(3));
                long enterprise = Math.round(1 + since * 0.5);
                observations.add(new Observation("tables.databases", pro, at, "tables-team", Map.of("tier", "pro")));
                observations.add(new Observation("tables.databases", enterprise, at, "tables-team",
                        Map.of("tier", "enterprise")));
                add(observations, "tables.teams", Math.round((pro + enterprise) * 0.8), at, "tables-team");
            }
        }
        return observations;
    }

    private static void add(List<Observation> observations, String metric, long value, Instant at, String source) {
        observations.add(new Observation(metric, value, at, source, Map.of()));
    }
}
