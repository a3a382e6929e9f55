package io.growthmetrics.deploy.local;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/prometheus: the configuration and the alert rules pass Prometheus' own checks, each alert fires on the series
 * that should fire it ({@code promtool test rules alerts_test.yml}, Prometheus' rule engine), and the scrape jobs are
 * exactly the services, on their real ports and metrics path.
 */
class PrometheusConfigTest {

    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private final Path dir = Path.of(System.getProperty("user.dir")).resolve("../prometheus").normalize();

    @Test
    void configAndRulesPassPromtoolAndEveryAlertFiresWhenItShould() throws Exception {
        assertTrue(Files.isExecutable(PROMTOOL), "promtool is Debian's package prometheus: apt-get install prometheus "
                + "(.ci/run does)");
        assertPromtool("check", "config", "prometheus.yml");
        assertPromtool("check", "rules", "alerts.yml");
        String tested = assertPromtool("test", "rules", "alerts_test.yml");
        assertTrue(tested.contains("SUCCESS"), tested);
        String alerts = Files.readString(dir.resolve("alerts.yml"), StandardCharsets.UTF_8);
        String tests = Files.readString(dir.resolve("alerts_test.yml"), StandardCharsets.UTF_8);
        for (String alert : List.of("ServiceDown", "IngestStopped", "ConsumerLagGrowing", "DeadLettersAppearing",
                "NoSnapshotFor26Hours", "MrrDroppedOver10PercentInADay")) {
            assertTrue(alerts.contains("alert: " + alert), alert);
            assertTrue(tests.contains("alertname: " + alert), alert + " is tested");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theScrapeJobsAreTheServicesOnTheirPorts() throws IOException {
        Map<String, Object> config = new Yaml().load(Files.readString(dir.resolve("prometheus.yml"), StandardCharsets.UTF_8));
        Map<String, String> jobs = new TreeMap<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
            assertEquals("/q/metrics", job.get("metrics_path"), job.get("job_name") + "");
            List<Map<String, Object>> statics = (List<Map<String, Object>>) job.get("static_configs");
            jobs.put((String) job.get("job_name"), String.join(",", (List<String>) statics.get(0).get("targets")));
        }
        Map<String, String> services = new TreeMap<>();
        ServiceSpec.ALL.forEach(s -> services.put(s.name(), "127.0.0.1:" + s.port(0)));
        assertEquals(services, jobs);
    }

    private String assertPromtool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool " + String.join(" ", args) + " did not finish");
        assertEquals(0, process.exitValue(), "promtool " + String.join(" ", args) + ":\n" + output);
        return output;
    }
}
