package io.growthmetrics.deploy.faults;

import io.growthmetrics.broker.KafkaBroker;
import io.growthmetrics.deploy.local.Console;
import io.growthmetrics.deploy.local.ServiceProcess;
import io.growthmetrics.deploy.local.ServiceSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The whole system as real child processes, for breaking on purpose: PostgreSQL (a private cluster when the machine
 * has the binaries, else a database of its own on the shared server), a Kafka broker and the five services, every one
 * on a free port (never deploy/local's 8080-8084/9092). Services are the packaged {@code quarkus-app} jars, started
 * with deploy/local's {@link ServiceProcess}; their logs are in {@code <work>/logs}.
 */
public final class FaultStack implements AutoCloseable {

    public static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    /** One consumer channel of kpi-service, as its application.properties declares it. */
    public record Channel(String name, String topic, String group) {
        String groupEnv() {
            return "MP_MESSAGING_INCOMING_" + name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_")
                    + "_GROUP_ID";
        }
    }

    private final Path repo;
    private final Path work;
    private final Path logs;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<ServiceProcess> extras = new ArrayList<>();
    private final List<Channel> kpiChannels;
    private PrivatePostgres privatePostgres;
    private Db db;
    private KafkaBroker broker;
    private int brokerPort;
    private int kpiStarts;
    /** JVM options only kpi-service gets (other services would take its channel settings for channels of theirs). */
    private String kpiOptions;
    private final String adminToken;
    private final String webhookSecret;

    public FaultStack(Path repo, Path work) throws IOException {
        this.repo = repo;
        this.work = work;
        this.logs = work.resolve("logs");
        Files.createDirectories(logs);
        this.kpiChannels = readKpiChannels(repo);
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        this.adminToken = "faults-" + HexFormat.of().formatHex(bytes);
        random.nextBytes(bytes);
        this.webhookSecret = "whsec_faults" + HexFormat.of().formatHex(bytes);
    }

    /** Which services are not packaged (the harness cannot run without them). */
    public static List<String> notBuilt(Path repo) {
        return ServiceSpec.ALL.stream().filter(s -> !Files.isRegularFile(s.runJar(repo))).map(ServiceSpec::name).toList();
    }

    /**
     * Starts everything. {@code sharedDb} is used when no private cluster can be started (no binaries): a database
     * {@code sharedDb.name()} is (re)created there.
     */
    public void start(Optional<Path> pgBin, Db sharedDb, Mode mode) throws Exception {
        if (pgBin.isPresent()) {
            int port = KafkaBroker.freePort();
            Console.info("faults: private PostgreSQL (" + pgBin.get() + ") on 127.0.0.1:" + port);
            privatePostgres = PrivatePostgres.start(pgBin.get(), port);
            db = new Db("127.0.0.1", port, privatePostgres.user(), "postgres", "postgres");
            db.recreate("faults");
            db = db.withName("faults");
        } else {
            Console.info("faults: no PostgreSQL binaries; database " + sharedDb.name() + " on " + sharedDb.host() + ":"
                    + sharedDb.port());
            sharedDb.withName("postgres").recreate(sharedDb.name());
            db = sharedDb;
        }
        brokerPort = KafkaBroker.freePort();
        startBroker();

        env.putAll(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("MP_MESSAGING_") || k.startsWith("DB_")
                || k.startsWith("KAFKA_"));
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap());
        env.put("DB_HOST", db.host());
        env.put("DB_PORT", Integer.toString(db.port()));
        env.put("DB_NAME", db.name());
        env.put("DB_USER", db.user());
        env.put("DB_PASSWORD", db.password());
        env.put("METRICS_ADMIN_TOKEN", adminToken);
        env.put("TELEMETRY_IP_HASH_KEY", "faults-ip-hash-key-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8)));
        env.put("STRIPE_WEBHOOK_SECRET", webhookSecret);
        env.put("SNAPSHOT_SCHEDULE_CRON", "off");
        env.put("REVENUE_STATE_DIR", work.resolve("revenue-state").toString());
        if (mode.shortSessionTimeout()) {
            // A killed consumer's partitions go to the restarted one after the session timeout (Kafka's default 45 s).
            StringBuilder opts = new StringBuilder();
            for (Channel c : kpiChannels) {
                opts.append(" -Dmp.messaging.incoming.").append(c.name()).append(".session.timeout.ms=6000")
                        .append(" -Dmp.messaging.incoming.").append(c.name()).append(".heartbeat.interval.ms=1500");
            }
            kpiOptions = opts.toString().trim();
        }

        for (ServiceSpec spec : ServiceSpec.ALL) {
            ports.put(spec.name(), KafkaBroker.freePort());
        }
        // kpi-service first: it runs the migrations growth-api reads.
        startKpi();
        List<ServiceProcess> rest = new ArrayList<>();
        for (ServiceSpec spec : ServiceSpec.THEN) {
            rest.add(startService(spec, env, ports.get(spec.name()), spec.name()));
        }
        for (ServiceProcess s : rest) {
            awaitReady(s);
            services.put(s.name(), s);
        }
    }

    private ServiceProcess startService(ServiceSpec spec, Map<String, String> environment, int port, String logName)
            throws IOException {
        Console.info("faults: starting " + logName + " on 127.0.0.1:" + port);
        Map<String, String> env = new HashMap<>(environment);
        env.putIfAbsent("QUARKUS_HTTP_HOST", "127.0.0.1");
        return ServiceProcess.start(spec, repo, "127.0.0.1", port, env, logs.resolve(logName + ".log"));
    }

    private static void awaitReady(ServiceProcess s) throws InterruptedException {
        if (!s.awaitReady(READY_TIMEOUT, () -> false)) {
            StringBuilder tail = new StringBuilder();
            s.tail(40).forEach(l -> tail.append("    ").append(l).append('\n'));
            throw new IllegalStateException(s.name() + (s.isAlive() ? " was not ready within " + READY_TIMEOUT
                    : " exited with " + s.exitValue()) + "; the end of " + s.logFile() + ":\n" + tail);
        }
    }

    /** Starts kpi-service (again) on its port and waits until it is ready. */
    public void startKpi() throws Exception {
        kpiStarts++;
        ServiceProcess kpi = startService(ServiceSpec.KPI_SERVICE, kpiEnv(env), ports.get("kpi-service"),
                kpiStarts == 1 ? "kpi-service" : "kpi-service-" + kpiStarts);
        services.put("kpi-service", kpi);
        awaitReady(kpi);
    }

    /** kill -9 of kpi-service; returns once the process is gone. */
    public void killKpi() throws InterruptedException {
        ServiceProcess kpi = services.get("kpi-service");
        kpi.handle().destroyForcibly();
        kpi.handle().onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }

    /**
     * A second kpi-service reading every topic from the start into database {@code database} (created empty) with
     * consumer groups of its own ({@code prefix + original group}). The caller stops it with {@link #stopExtra}.
     */
    public ServiceProcess startRebuildKpi(String database, String groupPrefix) throws Exception {
        db.withName("postgres").recreate(database);
        Map<String, String> e = kpiEnv(env);
        e.put("DB_NAME", database);
        for (Channel c : kpiChannels) {
            e.put(c.groupEnv(), groupPrefix + c.group());
        }
        ServiceProcess rebuild = startService(ServiceSpec.KPI_SERVICE, e, KafkaBroker.freePort(), "kpi-service-rebuild-" + database);
        extras.add(rebuild);
        awaitReady(rebuild);
        return rebuild;
    }

    /**
     * Another instance of {@code spec} beside the running one: same broker, same database, same consumer groups (so
     * kpi-service instances share the partitions), its own port. The caller stops it with {@link #stopExtra}.
     */
    public ServiceProcess startSecondInstance(ServiceSpec spec) throws Exception {
        Map<String, String> e = spec == ServiceSpec.KPI_SERVICE ? kpiEnv(env) : new LinkedHashMap<>(env);
        ServiceProcess second = startService(spec, e, KafkaBroker.freePort(), spec.name() + "-2");
        extras.add(second);
        awaitReady(second);
        return second;
    }

    private Map<String, String> kpiEnv(Map<String, String> base) {
        Map<String, String> e = new LinkedHashMap<>(base);
        if (kpiOptions != null) {
            e.put("JAVA_TOOL_OPTIONS", kpiOptions);
        }
        return e;
    }

    public void stopExtra(ServiceProcess extra) {
        extra.beginStop();
        extra.awaitStopped(Duration.ofSeconds(30));
        extras.remove(extra);
    }

    public void startBroker() {
        broker = KafkaBroker.start(work.resolve("kafka"), brokerPort, Duration.ofSeconds(120));
    }

    /** A clean broker shutdown (SIGTERM, as a rolling restart does). */
    public void stopBroker() {
        broker.close();
    }

    /** SIGSTOP / SIGCONT of the broker: it holds every connection open and answers nothing. */
    public void freezeBroker(boolean frozen) throws IOException, InterruptedException {
        long pid = brokerPid();
        Process p = new ProcessBuilder("kill", frozen ? "-STOP" : "-CONT", Long.toString(pid)).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("kill " + (frozen ? "-STOP " : "-CONT ") + pid + " failed");
        }
    }

    private long brokerPid() {
        String config = work.resolve("kafka").resolve("server.properties").toString();
        return ProcessHandle.current().children()
                .filter(h -> h.info().arguments().map(a -> List.of(a).contains("kafka.Kafka") && List.of(a).contains(config))
                        .orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no broker process found")).pid();
    }

    public boolean hasPrivatePostgres() {
        return privatePostgres != null;
    }

    public PrivatePostgres privatePostgres() {
        return privatePostgres;
    }

    public Db db() {
        return db;
    }

    public String bootstrap() {
        return "127.0.0.1:" + brokerPort;
    }

    public Kafka kafka() {
        return new Kafka(bootstrap());
    }

    public String url(ServiceSpec spec) {
        return "http://127.0.0.1:" + ports.get(spec.name());
    }

    public String adminToken() {
        return adminToken;
    }

    public String webhookSecret() {
        return webhookSecret;
    }

    public List<Channel> kpiChannels() {
        return kpiChannels;
    }

    public Path logs() {
        return logs;
    }

    public ServiceProcess service(String name) {
        return services.get(name);
    }

    /** Whether every consumer group of kpi-service (with {@code groupPrefix}) has committed every record. */
    public long kpiLag(String groupPrefix) throws Exception {
        Kafka kafka = kafka();
        long lag = 0;
        for (Channel c : kpiChannels) {
            lag += kafka.lag(groupPrefix + c.group(), List.of(c.topic()));
        }
        return lag;
    }

    /** Waits until kpi-service's groups (with {@code groupPrefix}) lag 0; false after {@code timeout}. */
    public boolean awaitKpiCaughtUp(String groupPrefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (kpiLag(groupPrefix) == 0) {
                    return true;
                }
            } catch (Exception e) {
                // the broker is restarting; ask again
            }
            Thread.sleep(500);
        }
        return false;
    }

    @Override
    public void close() {
        List<ServiceProcess> all = new ArrayList<>(extras);
        all.addAll(services.values());
        all.forEach(ServiceProcess::beginStop);
        all.forEach(s -> s.awaitStopped(Duration.ofSeconds(30)));
        if (broker != null) {
            try {
                freezeBroker(false);
            } catch (Exception e) {
                // not frozen, or gone
            }
            broker.close();
        }
        if (privatePostgres != null) {
            privatePostgres.close();
        }
    }

    /** kpi-service's consumer channels: topic and group of each {@code mp.messaging.incoming.*} channel. */
    static List<Channel> readKpiChannels(Path repo) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(repo.resolve("kpi-service/src/main/resources/application.properties"))) {
            p.load(in);
        }
        Map<String, String[]> byName = new TreeMap<>();
        String prefix = "mp.messaging.incoming.";
        for (String key : p.stringPropertyNames()) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            String rest = key.substring(prefix.length());
            int dot = rest.indexOf('.');
            String name = rest.substring(0, dot);
            String prop = rest.substring(dot + 1);
            String[] tg = byName.computeIfAbsent(name, n -> new String[2]);
            if (prop.equals("topic")) {
                tg[0] = p.getProperty(key);
            } else if (prop.equals("group.id")) {
                tg[1] = p.getProperty(key);
            }
        }
        List<Channel> channels = new ArrayList<>();
        byName.forEach((name, tg) -> {
            if (tg[0] != null && tg[1] != null) {
                channels.add(new Channel(name, tg[0], tg[1]));
            }
        });
        return channels;
    }
}
