package io.growthmetrics.deploy.local.demo;

import io.growthmetrics.deploy.local.Http;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sales side of the demo, for CARR: a few contracts of the current quarter (signed, and pipeline expected to
 * close in it) and the quarter's goal, through revenue-service's real, authenticated API. PUT with fixed ids, so
 * seeding again replaces instead of adding.
 */
public final class SalesDemoSeeder {

    /** What was sent and how many revenue-service took. */
    public record Result(int sent, int accepted, String firstRefusal, String quarter) {
    }

    private final String revenueBaseUrl;
    private final String adminToken;

    public SalesDemoSeeder(String revenueBaseUrl, String adminToken) {
        this.revenueBaseUrl = revenueBaseUrl;
        this.adminToken = adminToken;
    }

    /** The current quarter as {@code 2026-Q4}. */
    static String quarterOf(LocalDate day) {
        return day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1);
    }

    /** The requests, relative to {@code today}: path and JSON body. */
    static List<String[]> requests(LocalDate today) {
        LocalDate quarterStart = LocalDate.of(today.getYear(), ((today.getMonthValue() - 1) / 3) * 3 + 1, 1);
        LocalDate quarterEnd = quarterStart.plusMonths(3).minusDays(1);
        List<String[]> requests = new ArrayList<>();
        requests.add(contract("demo-acme", "Acme Manufacturing", 4_800_000, "signed", "signedDate",
                quarterStart.plusDays(9), quarterStart.plusDays(30)));
        requests.add(contract("demo-globex", "Globex Energy", 2_400_000, "signed", "signedDate",
                quarterStart.plusDays(24), quarterStart.plusMonths(1)));
        requests.add(contract("demo-initech", "Initech Logistics", 3_600_000, "pipeline", "expectedCloseDate",
                quarterEnd.minusDays(10), quarterEnd.plusDays(1)));
        requests.add(contract("demo-umbrella", "Umbrella Water", 1_800_000, "pipeline", "expectedCloseDate",
                quarterEnd.minusDays(3), quarterEnd.plusDays(15)));
        requests.add(contract("demo-stark", "Stark Automation", 6_000_000, "pipeline", "expectedCloseDate",
                quarterEnd.plusDays(20), quarterEnd.plusDays(30)));
        requests.add(new String[] {"/api/v1/carr-goals/" + quarterOf(today),
                "{\"goalCents\":15000000,\"currency\":\"usd\"}"});
        return requests;
    }

    private static String[] contract(String id, String customer, long annualValueCents, String status, String dateField,
            LocalDate date, LocalDate startDate) {
        String body = String.format("{\"customer\":\"%s\",\"annualValueCents\":%d,\"currency\":\"usd\",\"status\":\"%s\","
                + "\"%s\":\"%s\",\"startDate\":\"%s\"}", customer, annualValueCents, status, dateField, date, startDate);
        return new String[] {"/api/v1/contracts/" + id, body};
    }

    public Result seed(LocalDate today) throws IOException, InterruptedException {
        int accepted = 0;
        String firstRefusal = null;
        List<String[]> requests = requests(today);
        for (String[] request : requests) {
            Http.Response response = put(request[0], request[1]);
            if (response.ok()) {
                accepted++;
            } else if (firstRefusal == null) {
                firstRefusal = request[0] + ": HTTP " + response.status() + " " + response.body();
            }
        }
        return new Result(requests.size(), accepted, firstRefusal, quarterOf(today));
    }

    private Http.Response put(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(java.net.URI.create(revenueBaseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + adminToken)
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return Http.send(request);
    }
}
