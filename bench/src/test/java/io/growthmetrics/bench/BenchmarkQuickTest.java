package io.growthmetrics.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code bench/run --quick} on a stack of its own (a free port offset, its own data folder and database): every step
 * runs and gives its figures, and the table is written as Markdown and JSON. Timings are never asserted: on a shared
 * 2-core machine they mean nothing, and the quick mode's are not measurements anyway.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BenchmarkQuickTest {

    private static final List<String> SERVICES = List.of("telemetry-ingest", "snapshot-collector", "revenue-service",
            "kpi-service", "growth-api");

    /** Per step, the figures that must be numbers (not NaN): each step's headline figures. */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "raw", List.of("producerRecordsPerSecond", "producerP99Ms", "consumerRecordsPerSecond", "recordBytesMean"),
            "ingest", List.of("closedLoop.consumerRunning.okPerSecond", "closedLoop.consumerRunning.p50Ms",
                    "closedLoop.consumerRunning.p99Ms", "closedLoop.consumerRunning.p999Ms", "openLoop.100.p99Ms",
                    "openLoop.300.p99Ms", "acknowledged", "missing", "duplicated", "errorsTotal"),
            "views", List.of("records", "recordsPerSecond", "lastDayRightSeconds", "daysRight"),
            "freshness", List.of("p50Seconds", "p99Seconds", "markersVisible"),
            "api", List.of("load.okPerSecond", "load.p50Ms", "load.p99Ms"));

    private final Path module = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    private final Path repo = module.getParent();

    @Test
    void quickModeRunsEveryStepAndWritesTheTable(@TempDir Path out) throws Exception {
        List<String> notBuilt = SERVICES.stream()
                .filter(s -> !Files.isRegularFile(repo.resolve(s + "/target/quarkus-app/quarkus-run.jar"))).toList();
        assumeTrue(notBuilt.isEmpty(), "services not packaged yet: " + notBuilt);
        assumeTrue(Files.isDirectory(repo.resolve("deploy/local/target/lib")), "deploy/local is not built yet");

        Path data = module.resolve("target/bench-quick-data");
        BenchOptions options = BenchOptions.parse(List.of("--quick", "--out", out.toString(), "--data-dir",
                data.toString()), repo);
        Benchmark.Outcome outcome = new Benchmark(options, repo).run();

        Results results = outcome.results();
        for (String key : List.of("raw", "ingest", "views", "freshness", "api", "memory")) {
            Results.Step step = results.steps.get(key);
            assertNotNull(step, "step " + key + " is missing");
            assertEquals("ok", step.status, key + ": " + step.error);
            assertFalse(step.rows.isEmpty(), key + " has no row in the table");
            for (String figure : REQUIRED.getOrDefault(key, List.of())) {
                Object value = step.figures.get(figure);
                assertTrue(value instanceof Number n && !Double.isNaN(n.doubleValue()),
                        key + "." + figure + " is not a number: " + value + " (figures: " + step.figures + ")");
            }
        }
        for (String service : SERVICES) {
            Object peak = results.steps.get("memory").figures.get(service);
            assertTrue(peak instanceof Map<?, ?> m && m.get("peakRssMB") instanceof Number n && n.doubleValue() > 0,
                    "no peak RSS for " + service + ": " + peak);
        }

        Path md = outcome.markdown();
        Path json = Path.of(md.toString().replaceAll("\\.md$", ".json"));
        assertTrue(Files.isRegularFile(md) && Files.isRegularFile(json), "results written: " + md + ", " + json);
        assertEquals(Files.readString(md), Files.readString(out.resolve("latest.md")), "latest.md is the run's table");
        String text = Files.readString(md, StandardCharsets.UTF_8);
        assertTrue(text.contains("| step | figure | value | target | met |"), text);
        for (String title : Benchmark.TITLES.values()) {
            assertTrue(text.contains("| " + title + " |"), "the table has no row of " + title + ":\n" + text);
        }
        assertTrue(text.contains("- cores: ") && text.contains("- memory: ") && text.contains("- jdk: ")
                && text.contains("- git commit: "), "machine details:\n" + text);

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("quick", root.get("mode").asText());
        assertTrue(root.get("machine").get("cores").asInt() > 0, root.toString());
        for (String key : List.of("raw", "ingest", "views", "freshness", "api", "memory")) {
            JsonNode step = root.get("steps").get(key);
            assertEquals("ok", step.get("status").asText(), key);
            assertTrue(step.get("table").size() > 0, key + " has no rows in the JSON");
            for (String figure : REQUIRED.getOrDefault(key, List.of())) {
                assertTrue(step.get("figures").get(figure).isNumber(), key + "." + figure + " in the JSON: "
                        + step.get("figures").get(figure));
            }
        }
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(3, files.count(), "the .md, the .json and latest.md");
        }
        assertFalse(Files.exists(data.resolve("kafka")), "the stack's broker data is removed afterwards");
    }
}
