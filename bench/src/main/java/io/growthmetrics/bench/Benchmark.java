package io.growthmetrics.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * {@code bench/run}: the benchmark of issue 9. Starts the local stack (or uses a running one), runs the steps in
 * one go — raw Kafka, ingest, views, freshness, API, memory — prints the table and writes it with the machine's
 * details to {@code bench/results/} (Markdown and JSON). Figures are reported against their targets, never asserted.
 */
public final class Benchmark {

    /** Step keys and titles, in the table's order. */
    static final Map<String, String> TITLES = Map.of(
            "raw", "1 Raw Kafka",
            "ingest", "2 Ingest",
            "views", "3 Views",
            "freshness", "4 Freshness",
            "api", "5 API",
            "memory", "6 Memory");

    /**
     * The order they run in: ingest last, so that freshness and the API are measured over the year of step 3 as a
     * population would have it, not over the hundreds of thousands of one-ping installations the ingest's load
     * creates today (they would make today's view several times larger than the year's busiest day).
     */
    static final List<String> RUN_ORDER = List.of("raw", "views", "freshness", "api", "ingest");

    private interface StepBody {
        void run(Results.Step step) throws Exception;
    }

    private final BenchOptions options;
    private final Path repo;
    private final Console console = new Console();

    Benchmark(BenchOptions options, Path repo) {
        this.options = options;
        this.repo = repo;
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Path repo = repoRoot();
        BenchOptions options;
        try {
            options = BenchOptions.parse(List.of(args), repo);
        } catch (BenchOptions.UsageException e) {
            System.err.println("bench/run: " + e.getMessage());
            System.err.println("Try bench/run --help");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        try {
            Outcome outcome = new Benchmark(options, repo).run();
            System.exit(outcome.results().anyFailed() ? 1 : 0);
        } catch (Exception e) {
            System.err.println("bench/run: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The results and where they were written. */
    record Outcome(Results results, Path markdown) {
    }

    Outcome run() throws Exception {
        Plan plan = options.plan();
        Results results = new Results(options.quick() ? "quick" : "full");
        Machine.describe(repo, results.machine);
        results.settings.putAll(plan.describe());
        int runTag = io.growthmetrics.bench.pings.FreshIds.newRunTag();
        Stack stack;
        if (options.useRunning() != null) {
            stack = Stack.running(options.useRunning());
            results.settings.put("stack", "already running, port offset " + options.useRunning());
        } else {
            int offset = options.portOffset() != null ? options.portOffset() : Stack.freeOffset(600);
            Path dataDir = options.dataDir() != null ? options.dataDir() : Path.of("/tmp/growth-bench-" + offset);
            stack = Stack.start(repo, offset, dataDir, Duration.ofMinutes(10), console);
            Stack started = stack;
            // Killed (SIGTERM) or interrupted: the stack it started stops too, and a paused service is resumed.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "bench-stop-stack"));
            results.settings.put("stack", "deploy/local/run --no-demo --fresh --port-offset " + offset + " --data-dir "
                    + dataDir + " (started by the benchmark; Prometheus too when installed)");
        }
        Path workDir = stack.owned() ? stack.dataDir().resolve("bench-work")
                : Path.of(System.getProperty("java.io.tmpdir"), "growth-bench-" + Integer.toHexString(runTag));
        Files.createDirectories(workDir);
        results.settings.put("logs of this run", workDir + (stack.owned() ? " and " + stack.dataDir().resolve("logs") : ""));
        try (Kafka kafka = new Kafka(stack.bootstrapServers())) {
            Map<String, Long> pids = stack.pids();
            MemorySampler memory = new MemorySampler(pids);
            Context ctx = new Context(repo, plan, stack, kafka, console, workDir, runTag, results, memory);
            for (String key : List.of("raw", "ingest", "views", "freshness", "api", "memory")) {
                results.step(key, TITLES.get(key)); // the table's order
            }
            try {
                for (String key : RUN_ORDER) {
                    if (!options.steps().contains(key)) {
                        results.step(key, TITLES.get(key)).note("not run (--steps)");
                        continue;
                    }
                    runStep(results, memory, key, step -> {
                        switch (key) {
                            case "raw" -> RawKafkaStep.run(ctx, step);
                            case "ingest" -> IngestStep.run(ctx, step);
                            case "views" -> ViewsStep.run(ctx, step);
                            case "freshness" -> FreshnessStep.run(ctx, step);
                            case "api" -> ApiStep.run(ctx, step);
                            default -> throw new IllegalStateException(key);
                        }
                    });
                }
            } finally {
                runStep(results, memory, "memory", step -> MemoryStep.report(ctx, step, memory.finish(), pids,
                        memory.cpuByStep()));
                memory.close();
            }
        } finally {
            results.machine.put("load average at end", Machine.loadAverage());
            if (stack.owned()) {
                console.info("Stopping the local stack ...");
                stack.close();
                if (!options.keepData()) {
                    removeData(stack.dataDir());
                }
            }
        }
        results.finished = Instant.now();
        Path markdown = results.write(options.out());
        System.out.println();
        System.out.print(results.table());
        System.out.println();
        console.info("Written: " + markdown + " (and .json, latest.md)");
        return new Outcome(results, markdown);
    }

    private void runStep(Results results, MemorySampler memory, String key, StepBody body) {
        Results.Step step = results.step(key, TITLES.get(key));
        if (!key.equals("memory")) {
            memory.step(step.title);
        }
        console.info("== " + step.title);
        long start = System.nanoTime();
        try {
            body.run(step);
            step.status = "ok";
        } catch (Throwable e) {
            step.status = "failed";
            step.error = e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage();
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            console.warn(step.title + " failed: " + trace);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        step.seconds = (System.nanoTime() - start) / 1e9;
    }

    /**
     * Frees what the started stack stored: its broker data (the year of pings) and its database (dropped; the next
     * --fresh run would recreate it anyway). The launcher's and the services' logs stay.
     */
    private void removeData(Path dataDir) {
        try {
            Path kafkaData = dataDir.resolve("kafka");
            if (Files.isDirectory(kafkaData)) {
                try (Stream<Path> files = Files.walk(kafkaData)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Path record = dataDir.resolve("database.properties");
            if (!Files.exists(record)) {
                return;
            }
            Properties db = new Properties();
            try (InputStream in = Files.newInputStream(record)) {
                db.load(in);
            }
            if (!"server".equals(db.getProperty("mode"))) {
                return; // an embedded one lives in the data folder
            }
            String database = db.getProperty("database");
            if (database == null || !database.matches("[A-Za-z0-9_]+")) {
                return;
            }
            String user = env("DB_USER", env("PGUSER", "postgres"));
            String password = env("DB_PASSWORD", env("PGPASSWORD", "postgres"));
            String url = "jdbc:postgresql://" + db.getProperty("host") + ":" + db.getProperty("port") + "/postgres";
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            }
            Files.deleteIfExists(record);
            console.info("Removed the stack's broker data and database " + database + " (--keep-data keeps them)");
        } catch (IOException | SQLException | RuntimeException e) {
            console.warn("Could not remove the stack's data: " + e.getMessage());
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static Path repoRoot() {
        String configured = System.getProperty("growth.repo.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("deploy/local/run")) && Files.exists(p.resolve("bench/pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("not inside the repository (no deploy/local/run above " + dir + ")");
    }
}
