package io.growthmetrics.api.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.growthmetrics.api.testing.KpiViewsSchema;
import io.growthmetrics.api.testing.TestDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * deploy/grafana: every dashboard names only provisioned datasources; every SQL panel, with Grafana's macros expanded
 * for the last 90 days, runs against kpi-service's real views (the read-only role's) and returns rows; every PromQL
 * expression of every panel parses in a real Prometheus (Debian's package, which .ci/run installs).
 */
@QuarkusTest
@WithTestResource(KpiViewsSchema.class)
class DashboardsTest {

    static final Path GRAFANA = Path.of("..", "deploy", "grafana").toAbsolutePath().normalize();
    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    record Query(String dashboard, String panel, String datasource, String text) {
    }

    @BeforeEach
    void someOfEveryView() {
        TestDatabase.clearInstallations();
        TestDatabase.clearRevenue();
        TestDatabase.clearSnapshots();
        for (int d = 0; d < 90; d++) {
            TestDatabase.insertDaily(TODAY.minusDays(d), false, 100 + d, 200, 300, 2, 1);
        }
        TestDatabase.insertBreakdown(TODAY, false, "driver", "docker", 60, 100, 200);
        TestDatabase.insertSnapshot(TODAY.minusDays(1), "[]", "platform.instanceCount", "640", "platform.deviceCount", "2210",
                "platform.teamCount", "412", "mqtt.teams", "12", "tables.teams", "9");
        TestDatabase.executeAll("TRUNCATE kpi_definition, kpi_weekly",
                "INSERT INTO mrr_daily VALUES ('" + TODAY + "', 'usd', 'prod_a', 30000, 3)",
                "INSERT INTO mrr_movement VALUES ('" + TODAY + "', 'usd', 'cus_1', 'new', 30000)",
                "INSERT INTO kpi_definition (key, position, name, unit, kind, source, target_kind) VALUES "
                        + "('carrClosed', 1, 'CARR Closed', 'USD', 'stock', 'revenue.carr-closed', 'none')",
                "INSERT INTO kpi_weekly VALUES ('carrClosed', '" + TODAY.minusDays(7) + "', 100, 90, 11.11, NULL, NULL)");
    }

    @Test
    void everyPanelUsesAProvisionedDatasourceAndEverySqlQueryReturnsRows() throws Exception {
        String provisioning = Files.readString(GRAFANA.resolve("provisioning/datasources/growth-metrics.yml"));
        List<Query> queries = queries();
        assertTrue(queries.size() >= 25, "found " + queries.size());
        Set<String> uids = new TreeSet<>();
        queries.forEach(q -> uids.add(q.datasource()));
        for (String uid : uids) {
            assertTrue(provisioning.contains("uid: " + uid), uid + " is provisioned");
        }
        assertEquals(Set.of("growth-prometheus", "growth-postgres"), uids);
        List<String> failures = new ArrayList<>();
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("SET ROLE growth_reader"); // what Grafana's login may do
            for (Query q : queries) {
                if (!q.datasource().equals("growth-postgres")) {
                    continue;
                }
                String sql = expandMacros(q.text());
                try (ResultSet r = s.executeQuery(sql)) {
                    if (!r.next()) {
                        failures.add(q.dashboard() + " / " + q.panel() + ": no rows");
                    }
                } catch (Exception e) {
                    failures.add(q.dashboard() + " / " + q.panel() + ": " + e.getMessage());
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void everyPromQlExpressionParsesInARealPrometheus() throws Exception {
        assertTrue(Files.isExecutable(PROMETHEUS), "Debian's prometheus is needed (apt-get install prometheus; .ci/run does)");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = Files.createTempDirectory("dashboards-prometheus");
        Path config = data.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 15s\n");
        Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + data.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(data.resolve("prometheus.log").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        try {
            String base = "http://127.0.0.1:" + port;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create(base + "/-/ready")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                assertTrue(System.nanoTime() < deadline, "Prometheus did not start: " + Files.readString(data.resolve("prometheus.log")));
                Thread.sleep(200);
            }
            List<String> failures = new ArrayList<>();
            int checked = 0;
            for (Query q : queries()) {
                if (!q.datasource().equals("growth-prometheus")) {
                    continue;
                }
                checked++;
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/query?query="
                        + URLEncoder.encode(q.text(), StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200 || !answer.body().contains("\"status\":\"success\"")) {
                    failures.add(q.dashboard() + " / " + q.panel() + ": " + answer.body());
                }
            }
            assertTrue(checked >= 15, "PromQL expressions: " + checked);
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        } finally {
            prometheus.destroy();
            prometheus.waitFor();
        }
    }

    /** Grafana's time macros for a fixed range: the last 90 days. */
    static String expandMacros(String sql) {
        String from = "'" + TODAY.minusDays(90) + "T00:00:00Z'";
        String to = "'" + TODAY.plusDays(1) + "T00:00:00Z'";
        return sql.replaceAll("\\$__timeFilter\\(([^)]*\\))\\)", "$1) BETWEEN " + from + " AND " + to)
                .replaceAll("\\$__timeFilter\\(([^()]*)\\)", "$1 BETWEEN " + from + " AND " + to)
                .replace("$__timeFrom()", from).replace("$__timeTo()", to);
    }

    static List<Query> queries() throws IOException {
        List<Query> queries = new ArrayList<>();
        try (Stream<Path> files = Files.list(GRAFANA.resolve("dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                for (JsonNode panel : dashboard.path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        String uid = target.path("datasource").path("uid").asText(panel.path("datasource").path("uid").asText());
                        String text = target.has("expr") ? target.get("expr").asText() : target.path("rawSql").asText();
                        queries.add(new Query(dashboard.path("title").asText(), panel.path("title").asText(), uid, text));
                    }
                }
            }
        }
        return queries;
    }
}
