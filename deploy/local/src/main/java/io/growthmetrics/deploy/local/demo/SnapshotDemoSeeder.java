package io.growthmetrics.deploy.local.demo;

import io.growthmetrics.deploy.local.Http;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Seeds the cloud snapshots through snapshot-collector's real API: posts {@link DemoSnapshots}' observations to
 * {@code POST /api/v1/feature-metrics} (a day at a time), then takes each day's snapshot with
 * {@code POST /admin/snapshots/{date}}, as the daily schedule would have.
 */
public final class SnapshotDemoSeeder {

    public static final int DAYS = 90;

    /** What was sent and taken. */
    public record Result(int observations, int snapshots, String firstRefusal) {
    }

    private final String collectorBaseUrl;
    private final String adminToken;

    public SnapshotDemoSeeder(String collectorBaseUrl, String adminToken) {
        this.collectorBaseUrl = collectorBaseUrl;
        this.adminToken = adminToken;
    }

    public Result seed(LocalDate today) throws IOException, InterruptedException {
        List<DemoSnapshots.Observation> observations = DemoSnapshots.generate(20261123L, today, DAYS);
        String firstRefusal = null;
        int sent = 0;
        for (LocalDate day : DemoSnapshots.days(today, DAYS)) {
            List<DemoSnapshots.Observation> ofDay = observations.stream()
                    .filter(o -> o.observedAt().toString().startsWith(day.toString())).toList();
            String body = ofDay.stream().map(DemoSnapshots.Observation::json).collect(Collectors.joining(",", "[", "]"));
            Http.Response response = post("/api/v1/feature-metrics", body);
            if (response.ok()) {
                sent += ofDay.size();
            } else if (firstRefusal == null) {
                firstRefusal = "feature-metrics " + day + ": HTTP " + response.status() + " " + response.body();
            }
        }
        int snapshots = 0;
        for (LocalDate day : DemoSnapshots.days(today, DAYS)) {
            Http.Response response = post("/admin/snapshots/" + day, "");
            if (response.ok()) {
                snapshots++;
            } else if (firstRefusal == null) {
                firstRefusal = "snapshot " + day + ": HTTP " + response.status() + " " + response.body();
            }
        }
        return new Result(sent, snapshots, firstRefusal);
    }

    private Http.Response post(String path, String json) throws IOException, InterruptedException {
        return Http.postJsonAsAdmin(collectorBaseUrl + path, adminToken, json);
    }
}
