package io.growthmetrics.deploy.local;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/grafana's files, without a stack: every panel names a provisioned datasource, and every query has text.
 * That each query returns data is {@link DemoStackTest}'s (live Prometheus, demo database).
 */
class GrafanaDashboardsTest {

    private final Path grafana = Path.of(System.getProperty("user.dir")).resolve("../grafana").normalize();

    @Test
    void everyPanelUsesAProvisionedDatasource() throws Exception {
        String provisioning = Files.readString(grafana.resolve("provisioning/datasources/growth-metrics.yml"),
                StandardCharsets.UTF_8);
        List<GrafanaDashboards.Query> queries = GrafanaDashboards.queries(grafana.resolve("dashboards"));
        assertTrue(queries.size() >= 25, "found " + queries.size());
        Set<String> uids = new TreeSet<>();
        queries.forEach(q -> uids.add(q.datasource()));
        assertEquals(new TreeSet<>(Set.of(GrafanaDashboards.PROMETHEUS_UID, GrafanaDashboards.POSTGRES_UID)), uids);
        for (String uid : uids) {
            assertTrue(provisioning.contains("uid: " + uid), uid + " is provisioned");
        }
        assertTrue(queries.stream().noneMatch(q -> q.text().isBlank()), "a panel without a query");
        assertEquals(5, queries.stream().map(GrafanaDashboards.Query::dashboard).distinct().count());
    }

    @Test
    void grafanaTimeMacrosAreExpandedForTheLast90Days() {
        LocalDate today = LocalDate.parse("2026-11-29");
        assertEquals("SELECT 1 WHERE day::timestamp BETWEEN '2026-08-31T00:00:00Z' AND '2026-11-30T00:00:00Z'",
                GrafanaDashboards.expandMacros("SELECT 1 WHERE $__timeFilter(day::timestamp)", today));
        assertEquals("x BETWEEN '2026-08-31T00:00:00Z' AND '2026-11-30T00:00:00Z' AND date_trunc('week', d) < '2026-11-30T00:00:00Z'",
                GrafanaDashboards.expandMacros("$__timeFilter(x) AND date_trunc('week', d) < $__timeTo()", today));
    }
}
