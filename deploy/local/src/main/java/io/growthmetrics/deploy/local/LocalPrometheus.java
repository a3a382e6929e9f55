package io.growthmetrics.deploy.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus over the local services, when its binary is on this machine (Debian's package {@code prometheus}):
 * {@code deploy/prometheus/prometheus.yml} and its alert rules, with the local run's ports, data in the data folder.
 * Optional: without the binary the stack runs all the same and the launcher says how to get it.
 */
public final class LocalPrometheus implements AutoCloseable {

    static final int BASE_PORT = 9090;
    /** Locally every 5 s rather than the file's 15 s: a newcomer's first figures and rates show within seconds. */
    static final int SCRAPE_INTERVAL_SECONDS = 5;

    private final Process process;
    private final String url;

    private LocalPrometheus(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** The binary, from PATH. */
    public static Optional<Path> binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir, "prometheus");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts it and waits (at most 30 s) until it is ready. */
    public static LocalPrometheus start(Path binary, Path repo, Path dataDir, Path logsDir, String host, int portOffset,
            List<ServiceSpec> services) throws IOException, InterruptedException {
        Path dir = dataDir.resolve("prometheus");
        Files.createDirectories(dir);
        String config = Files.readString(repo.resolve("deploy/prometheus/prometheus.yml"), StandardCharsets.UTF_8)
                .replace("scrape_interval: 15s", "scrape_interval: " + SCRAPE_INTERVAL_SECONDS + "s")
                .replace("  - alerts.yml", "  - " + repo.resolve("deploy/prometheus/alerts.yml").toAbsolutePath());
        for (ServiceSpec spec : services) {
            config = config.replace("\"127.0.0.1:" + spec.basePort() + "\"", "\"" + host + ":" + spec.port(portOffset) + "\"");
        }
        Path configFile = dir.resolve("prometheus.yml");
        Files.writeString(configFile, config, StandardCharsets.UTF_8);
        String listen = host + ":" + (BASE_PORT + portOffset);
        Files.createDirectories(logsDir);
        Process process = new ProcessBuilder(binary.toString(), "--config.file=" + configFile,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=" + listen)
                .redirectErrorStream(true).redirectOutput(logsDir.resolve("prometheus.log").toFile()).start();
        LocalPrometheus prometheus = new LocalPrometheus(process, "http://" + listen);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Http.answersOk(prometheus.url + "/-/ready")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                prometheus.close();
                throw new IOException("Prometheus did not start (see " + logsDir.resolve("prometheus.log") + ")");
            }
            Thread.sleep(250);
        }
        return prometheus;
    }

    public String url() {
        return url;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
