package io.growthmetrics.deploy.local;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The queries of deploy/grafana's dashboards, as Grafana would send them to its datasources. */
final class GrafanaDashboards {

    static final String PROMETHEUS_UID = "growth-prometheus";
    static final String POSTGRES_UID = "growth-postgres";

    /** One target of one panel: PromQL ({@code expr}) or SQL ({@code rawSql}), and the uid of its datasource. */
    record Query(String dashboard, String panel, String refId, String datasource, String text) {
        String name() {
            return dashboard + ": " + panel + " (" + refId + ")";
        }
    }

    private GrafanaDashboards() {
    }

    static List<Query> queries(Path dashboards) throws IOException {
        List<Query> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dashboards)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonObject dashboard = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
                for (JsonElement element : dashboard.getAsJsonArray("panels")) {
                    JsonObject panel = element.getAsJsonObject();
                    if (!panel.has("targets")) {
                        continue;
                    }
                    for (JsonElement t : panel.getAsJsonArray("targets")) {
                        JsonObject target = t.getAsJsonObject();
                        JsonObject datasource = target.has("datasource") ? target.getAsJsonObject("datasource")
                                : panel.getAsJsonObject("datasource");
                        String text = target.has("expr") ? target.get("expr").getAsString()
                                : target.has("rawSql") ? target.get("rawSql").getAsString() : "";
                        queries.add(new Query(file.getFileName().toString(), panel.get("title").getAsString(),
                                target.has("refId") ? target.get("refId").getAsString() : "?",
                                datasource == null || !datasource.has("uid") ? "" : datasource.get("uid").getAsString(), text));
                    }
                }
            }
        }
        return queries;
    }

    static List<Query> queries(Path dashboards, String datasourceUid) throws IOException {
        return queries(dashboards).stream().filter(q -> q.datasource().equals(datasourceUid)).toList();
    }

    /** Grafana's time macros expanded for a fixed range: the 90 days up to today, inclusive. */
    static String expandMacros(String sql, LocalDate today) {
        String from = "'" + today.minusDays(90) + "T00:00:00Z'";
        String to = "'" + today.plusDays(1) + "T00:00:00Z'";
        return sql.replaceAll("\\$__timeFilter\\(([^)]*\\))\\)", "$1) BETWEEN " + from + " AND " + to)
                .replaceAll("\\$__timeFilter\\(([^()]*)\\)", "$1 BETWEEN " + from + " AND " + to)
                .replace("$__timeFrom()", from).replace("$__timeTo()", to);
    }
}
