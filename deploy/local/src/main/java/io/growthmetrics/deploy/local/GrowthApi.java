package io.growthmetrics.deploy.local;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What the launcher (and its end-to-end test) reads from growth-api, and the example URLs it prints.
 * The daily endpoint answers one object per day ({@code date}, {@code installations}, ...); it is read leniently:
 * any object with a numeric {@code installations} member counts, preferring one whose {@code date} (or {@code day})
 * is the day asked for.
 */
public final class GrowthApi {

    private final String baseUrl;

    public GrowthApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String dailyUrl(LocalDate from, LocalDate to) {
        return baseUrl + "/api/v1/installations/daily?from=" + from + "&to=" + to;
    }

    public String breakdownUrl(String dimension, LocalDate date) {
        return baseUrl + "/api/v1/installations/breakdown?by=" + dimension + "&date=" + date;
    }

    public String weeklyGrowthUrl(String series, LocalDate from, LocalDate to) {
        return baseUrl + "/api/v1/growth/weekly?series=" + series + "&from=" + from + "&to=" + to;
    }

    public String mrrUrl(LocalDate date) {
        return baseUrl + "/api/v1/revenue/mrr?date=" + date + "&currency=usd";
    }

    public String movementsUrl(LocalDate from, LocalDate to) {
        return baseUrl + "/api/v1/revenue/movements?from=" + from + "&to=" + to + "&currency=usd";
    }

    public String carrUrl(LocalDate today) {
        return baseUrl + "/api/v1/revenue/carr?quarter=" + today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1)
                + "&currency=usd";
    }

    public String latestSnapshotUrl() {
        return baseUrl + "/api/v1/snapshots/latest";
    }

    public String calculatorUrl() {
        return baseUrl + "/api/v1/growth/calculator?start=100&weeklyGrowthPct=5&weeks=52";
    }

    /** growth-api's installations on one day, or empty when it does not answer or has no such figure. */
    public OptionalLong installationsOn(LocalDate day) throws InterruptedException {
        try {
            Http.Response response = Http.get(dailyUrl(day, day), Duration.ofSeconds(5));
            if (!response.ok()) {
                return OptionalLong.empty();
            }
            return installationsOn(Json.parse(response.body()), day);
        } catch (IOException | IllegalArgumentException e) {
            return OptionalLong.empty();
        }
    }

    /** Reads the installations of {@code day} out of a parsed daily response (see the class comment). */
    public static OptionalLong installationsOn(Object json, LocalDate day) {
        List<Map<?, ?>> rows = new ArrayList<>();
        collectRows(json, rows);
        String wanted = day.toString();
        OptionalLong dated = rows.stream()
                .filter(row -> wanted.equals(row.get("day")) || wanted.equals(row.get("date")))
                .mapToLong(row -> Json.longMember(row, "installations"))
                .max();
        if (dated.isPresent()) {
            return dated;
        }
        return rows.stream()
                .filter(row -> !row.containsKey("day") && !row.containsKey("date"))
                .mapToLong(row -> Json.longMember(row, "installations"))
                .max();
    }

    private static void collectRows(Object node, List<Map<?, ?>> rows) {
        if (node instanceof Map<?, ?> map) {
            if (Json.longMember(map, "installations") >= 0) {
                rows.add(map);
            }
            map.values().forEach(value -> collectRows(value, rows));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collectRows(value, rows));
        }
    }
}
