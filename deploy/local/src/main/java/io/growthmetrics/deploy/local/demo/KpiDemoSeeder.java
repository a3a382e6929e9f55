package io.growthmetrics.deploy.local.demo;

import io.growthmetrics.deploy.local.Http;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Seeds the inputs of the KPIs no other demo feeds, through snapshot-collector's real endpoints: merged pull requests
 * of the counted repositories as signed GitHub {@code pull_request} webhooks ({@code POST /github/webhook}), and MQLs
 * as weekly figures ({@code POST /api/v1/kpis/mqls/observations}). 13 weeks up to today, deterministic (seeded).
 */
public final class KpiDemoSeeder {

    public static final int WEEKS = 13;
    static final List<String> REPOSITORIES = List.of("FlowFuse/flowfuse", "FlowFuse/device-agent",
            "FlowFuse/node-red-dashboard", "node-red/node-red");

    public record Result(int merges, int figures, String firstRefusal) {
    }

    private final String collectorBaseUrl;
    private final String adminToken;
    private final String githubSecret;

    public KpiDemoSeeder(String collectorBaseUrl, String adminToken, String githubSecret) {
        this.collectorBaseUrl = collectorBaseUrl;
        this.adminToken = adminToken;
        this.githubSecret = githubSecret;
    }

    public Result seed(LocalDate today) throws IOException, InterruptedException {
        Random random = new Random(20261124L);
        LocalDate firstMonday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(WEEKS - 1L);
        String firstRefusal = null;
        int merges = 0;
        int figures = 0;
        long number = 4000;
        double mqls = 38;
        for (int week = 0; week < WEEKS; week++) {
            LocalDate monday = firstMonday.plusWeeks(week);
            // merges: 25..45 a week across the repositories, on working days up to today
            int count = 25 + random.nextInt(21);
            for (int i = 0; i < count; i++) {
                LocalDate day = monday.plusDays(random.nextInt(5));
                if (day.isAfter(today)) {
                    continue;
                }
                String repository = REPOSITORIES.get(random.nextInt(REPOSITORIES.size()));
                String mergedAt = day.atTime(8 + random.nextInt(10), random.nextInt(60)).toInstant(ZoneOffset.UTC)
                        .toString();
                Http.Response response = webhook(pullRequest(repository, ++number, mergedAt));
                if (response.ok()) {
                    merges++;
                } else if (firstRefusal == null) {
                    firstRefusal = "github webhook: HTTP " + response.status() + " " + response.body();
                }
            }
            // MQLs: a whole week's figure, growing about 5 % a week with noise
            mqls = mqls * (1.0 + (random.nextInt(13) - 2) / 100.0);
            String period = String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
                    monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            // a complete week's figure; for the current week, the leads so far, observed now
            boolean current = !monday.plusDays(6).isBefore(today);
            long value = current ? Math.round(mqls * (today.getDayOfWeek().getValue() / 7.0)) : Math.round(mqls);
            String when = current ? "\"observedAt\":\"" + java.time.Instant.now() + "\""
                    : "\"period\":\"" + period + "\"";
            Http.Response response = post("/api/v1/kpis/mqls/observations", "{\"value\":" + value + "," + when
                    + ",\"source\":\"demo-marketing\"}");
            if (response.ok()) {
                figures++;
            } else if (firstRefusal == null) {
                firstRefusal = "mqls " + period + ": HTTP " + response.status() + " " + response.body();
            }
        }
        return new Result(merges, figures, firstRefusal);
    }

    static String pullRequest(String repository, long number, String mergedAt) {
        return "{\"action\":\"closed\",\"number\":" + number + ",\"pull_request\":{\"number\":" + number
                + ",\"state\":\"closed\",\"merged\":true,\"merged_at\":\"" + mergedAt + "\",\"title\":\"Demo change "
                + number + "\"},\"repository\":{\"full_name\":\"" + repository + "\"}}";
    }

    private Http.Response webhook(String body) throws IOException, InterruptedException {
        return Http.send(HttpRequest.newBuilder(URI.create(collectorBaseUrl + "/github/webhook"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", "pull_request")
                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", sign(body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(githubSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Http.Response post(String path, String json) throws IOException, InterruptedException {
        return Http.postJsonAsAdmin(collectorBaseUrl + path, adminToken, json);
    }
}
