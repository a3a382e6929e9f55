package io.growthmetrics.deploy.local;

import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpServer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's first command with its demo, run as a newcomer would and checked from the outside: {@code
 * deploy/local/run --fresh} on shifted ports, a data folder of its own and secrets of its own (admin token, Stripe
 * webhook secret and API key, GitHub webhook secret, IP hash key, a database role with its own password). One stack
 * for every check, because starting it is the slow part: it listens on loopback only and counts a new ping; the
 * review page and all seven KPIs have demo data; every PromQL expression of the Grafana dashboards and the alert rules
 * returns data from the Prometheus it started over the running services, and every SQL panel returns rows from the
 * demo's database read as Grafana's read-only login would; SIGTERM stops everything (exit 0, no process
 * left, every port free); and the logs then hold no secret, token, e-mail address, IP address or card number, after
 * requests that a careless service would log ({@link LogScanner}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class DemoStackTest {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration COUNTED_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration KPIS_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration QUERIES_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(90);
    private static final String DB_ROLE = "growth_logscan";
    private static final String GRAFANA_LOGIN = "growth_demo_grafana";
    private static final int SEVEN_KPIS = 7;
    private static final String DB_HOST = "127.0.0.1";
    private static final int DB_PORT = 5432;

    private final Path module = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    private final Path repo = module.resolve("../..").normalize();
    private final Path dataDir = module.resolve("target/demo-stack-data");
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final List<String> sent = new ArrayList<>();
    private final List<ProcessHandle> children = new ArrayList<>();
    private int offset;
    private HttpServer stripeApi;
    private Process launcher;
    private Output output;

    @BeforeAll
    void startTheDemoStack() throws Exception {
        List<String> notBuilt = ServiceSpec.ALL.stream().filter(s -> !Files.isRegularFile(s.runJar(repo)))
                .map(ServiceSpec::name).toList();
        assumeTrue(notBuilt.isEmpty(), "services not packaged yet: " + notBuilt);
        assertTrue(LocalPrometheus.binary().isPresent(), "prometheus is Debian's package prometheus: apt-get install "
                + "prometheus (.ci/run does)");

        secrets.put("admin token", "adm-" + Secrets.randomUrlSafe(24));
        secrets.put("Stripe webhook secret", "whsec_" + Secrets.randomUrlSafe(24));
        secrets.put("Stripe API key", "sk_test_" + Secrets.randomUrlSafe(24));
        secrets.put("GitHub webhook secret", "ghwh-" + Secrets.randomUrlSafe(24));
        secrets.put("IP hash key", "iphash-" + Secrets.randomUrlSafe(24));
        secrets.put("database password", "dbpw-" + Secrets.randomUrlSafe(24));
        secrets.put("wrong bearer token", "wrongtok-" + Secrets.randomUrlSafe(24));
        secrets.put("Grafana's database password", "grafanapw-" + Secrets.randomUrlSafe(24));
        createDatabaseRoles(DB_HOST, DB_PORT, secrets.get("database password"), secrets.get("Grafana's database password"));

        offset = freePortOffset();
        stripeApi = stripeApiStub();
        ProcessBuilder builder = new ProcessBuilder(repo.resolve("deploy/local/run").toString(), "--fresh",
                "--port-offset", Integer.toString(offset), "--data-dir", dataDir.toString())
                .directory(module.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("LOCAL_RUN_SKIP_BUILD", "1");
        env.put("METRICS_ADMIN_TOKEN", secrets.get("admin token"));
        env.put("STRIPE_WEBHOOK_SECRET", secrets.get("Stripe webhook secret"));
        env.put("STRIPE_API_KEY", secrets.get("Stripe API key"));
        env.put("GITHUB_WEBHOOK_SECRET", secrets.get("GitHub webhook secret"));
        env.put("STRIPE_API_BASE", "http://localhost:" + stripeApi.getAddress().getPort());
        env.put("TELEMETRY_IP_HASH_KEY", secrets.get("IP hash key"));
        env.put("DB_HOST", DB_HOST);
        env.put("DB_PORT", Integer.toString(DB_PORT));
        env.put("DB_USER", DB_ROLE);
        env.put("DB_PASSWORD", secrets.get("database password"));
        env.remove("QUARKUS_HTTP_HOST");
        env.remove("LOCAL_BIND_ADDRESS");
        launcher = builder.start();
        output = new Output(launcher.getInputStream());
        if (!output.awaitReady(launcher, READY_TIMEOUT)) {
            stopTheStack();
            fail("deploy/local/run did not print '" + LocalLauncher.READY_LINE + "' within " + READY_TIMEOUT
                    + (launcher.isAlive() ? "" : " (it exited with " + launcher.exitValue() + ")")
                    + "; its output:\n" + output.text());
        }
        children.addAll(launcher.descendants().toList());
        sent.addAll(sendWhatACarelessServiceWouldLog(offset, secrets));
    }

    @AfterAll
    void stopTheStackIfStillRunning() throws InterruptedException {
        if (launcher != null && launcher.isAlive()) {
            stopTheStack();
        }
        if (stripeApi != null) {
            stripeApi.stop(0);
        }
    }

    @Test
    @Order(1)
    void listensOnLoopbackOnlyAndCountsANewPing() throws Exception {
        assertEquals(List.of(), Listeners.beyondLoopback(allPorts(offset)),
                "listening beyond 127.0.0.1 although no --bind-address was given");
        assertTrue(output.text().contains("listen on 127.0.0.1 only"), "the summary names the bind address:\n"
                + output.text());

        GrowthApi api = new GrowthApi(ServiceSpec.GROWTH_API.baseUrl(offset));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long before = settledInstallationsOn(api, today);
        String ping = resource("pings/current-docker-ce.json")
                .replaceFirst("\"instanceId\"\\s*:\\s*\"[^\"]*\"", "\"instanceId\":\"demo-stack-" + UUID.randomUUID() + "\"");
        Http.Response response = Http.post(ServiceSpec.TELEMETRY_INGEST.baseUrl(offset) + "/ping",
                Map.of("Content-Type", "application/json"), HttpRequest.BodyPublishers.ofString(ping),
                Duration.ofSeconds(15));
        assertEquals(200, response.status(), "POST /ping: " + response.body());
        assertTrue(response.body().contains("\"success\""), response.body());
        OptionalLong counted = OptionalLong.empty();
        long deadline = System.nanoTime() + COUNTED_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            counted = api.installationsOn(today);
            if (counted.isPresent() && counted.getAsLong() == before + 1) {
                break;
            }
            Thread.sleep(1000);
        }
        assertEquals(OptionalLong.of(before + 1), counted, "growth-api's installations for today after one new ping");
    }

    @Test
    @Order(2)
    void theReviewPageIsServedAndAllSevenKpisHaveDemoData() throws Exception {
        String page = ServiceSpec.GROWTH_API.baseUrl(offset) + "/";
        assertTrue(output.text().contains("The weekly review (KPIs, dashboards, calculator): " + page),
                "the summary prints the page's URL:\n" + output.text());
        Http.Response html = Http.get(page, Duration.ofSeconds(15));
        assertEquals(200, html.status());
        assertTrue(html.body().contains("<script") && html.body().contains("app.js"), html.body());

        List<String> withoutValue = List.of("no answer yet");
        JsonObject kpis = null;
        long deadline = System.nanoTime() + KPIS_TIMEOUT.toNanos();
        while (!withoutValue.isEmpty() && System.nanoTime() < deadline) {
            Http.Response reply = Http.get(ServiceSpec.GROWTH_API.baseUrl(offset) + "/api/v1/kpis", Duration.ofSeconds(15));
            assertEquals(200, reply.status(), reply.body());
            kpis = JsonParser.parseString(reply.body()).getAsJsonObject();
            withoutValue = new ArrayList<>();
            for (JsonElement kpi : kpis.getAsJsonArray("kpis")) {
                if (kpi.getAsJsonObject().get("value").isJsonNull()) {
                    withoutValue.add(kpi.getAsJsonObject().get("key").getAsString());
                }
            }
            if (!withoutValue.isEmpty()) {
                Thread.sleep(2000);   // kpi-service refreshes the KPIs every 10 s
            }
        }
        assertEquals(SEVEN_KPIS, kpis.getAsJsonArray("kpis").size(), kpis.toString());
        assertEquals(List.of(), withoutValue, "KPIs without a value this week: " + kpis);
    }

    /**
     * What Grafana and Prometheus' rule engine would ask, asked of the Prometheus the launcher started over the
     * running services. A panel's expression must return at least one series. An alert rule's expression is asked
     * with {@code bool} after its comparisons ({@link PromQl#comparisonsAsBool}), so it returns its series whether or
     * not the alert fires: the data it reads must exist, with labels that match across its operands.
     */
    @Test
    @Order(3)
    void everyDashboardAndAlertQueryReturnsDataFromTheRunningServices() throws Exception {
        Map<String, String> queries = new LinkedHashMap<>();
        for (GrafanaDashboards.Query panel : GrafanaDashboards.queries(repo.resolve("deploy/grafana/dashboards"),
                GrafanaDashboards.PROMETHEUS_UID)) {
            queries.put(panel.name(), panel.text());
        }
        queries.putAll(PromQl.alertExpressionsAsBool(repo.resolve("deploy/prometheus/alerts.yml")));
        assertTrue(queries.size() > 20, "queries found: " + queries.keySet());

        String prometheus = "http://127.0.0.1:" + (LocalPrometheus.BASE_PORT + offset);
        assertTrue(output.text().contains("Prometheus:   " + prometheus), "the summary names Prometheus:\n" + output.text());
        Map<String, String> withoutData = new LinkedHashMap<>(queries);
        long deadline = System.nanoTime() + QUERIES_TIMEOUT.toNanos();
        while (!withoutData.isEmpty() && System.nanoTime() < deadline) {
            for (Iterator<Map.Entry<String, String>> it = withoutData.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, String> query = it.next();
                if (PromQl.seriesReturned(prometheus, query.getValue()) > 0) {
                    it.remove();
                }
            }
            if (!withoutData.isEmpty()) {
                Thread.sleep(LocalPrometheus.SCRAPE_INTERVAL_SECONDS * 1000L);
            }
        }
        assertEquals(Map.of(), withoutData, "queries that returned no data within " + QUERIES_TIMEOUT);
    }

    /**
     * Every SQL panel, with Grafana's time macros expanded for the last 90 days, against the demo's database, logged
     * in as Grafana would be: a login in the read-only role {@code growth_reader} that migration V5 grants the
     * {@code read_*} views to. Each must return rows.
     */
    @Test
    @Order(4)
    void everySqlPanelReturnsRowsFromTheDemoDatabaseAsTheReadOnlyRole() throws Exception {
        List<GrafanaDashboards.Query> panels = GrafanaDashboards.queries(repo.resolve("deploy/grafana/dashboards"),
                GrafanaDashboards.POSTGRES_UID);
        assertTrue(panels.size() >= 10, "SQL panels found: " + panels.size());
        String database = LocalLauncher.DATABASE_NAME + "_" + offset;
        assertTrue(output.text().contains("GROWTH_DB_NAME=" + database), "the summary says which database:\n" + output.text());
        List<String> failures = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + DB_HOST + ":" + DB_PORT + "/" + database,
                GRAFANA_LOGIN, secrets.get("Grafana's database password")); Statement s = c.createStatement()) {
            for (GrafanaDashboards.Query panel : panels) {
                try (ResultSet rows = s.executeQuery(GrafanaDashboards.expandMacros(panel.text(), LocalDate.now(ZoneOffset.UTC)))) {
                    if (!rows.next()) {
                        failures.add(panel.name() + ": no rows");
                    }
                } catch (SQLException e) {
                    failures.add(panel.name() + ": " + e.getMessage());
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    @Order(5)
    void stopsCleanlyOnSigtermAndNoLogHoldsASecret() throws Exception {
        Thread.sleep(2000);   // kpi-service consumes (or dead-letters) the last requests
        boolean exited = stopTheStack();
        List<ProcessHandle> leftBehind = awaitGone(children, Duration.ofSeconds(10));
        leftBehind.forEach(ProcessHandle::destroyForcibly);
        assertTrue(exited, "the launcher did not exit within " + EXIT_TIMEOUT + " of SIGTERM:\n" + output.text());
        assertEquals(0, launcher.exitValue(), "exit code after SIGTERM:\n" + output.text());
        assertTrue(leftBehind.isEmpty(), "processes left running: " + leftBehind.stream()
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList());
        assertEquals(List.of(), busyPorts(offset), "ports still in use after the launcher exited");

        assertTrue(output.text().contains("installations for") && output.text().contains("Stripe webhooks:")
                && output.text().contains("Cloud snapshots:") && output.text().contains("KPI inputs:"), "the demo ran:\n" + output.text());
        Set<Integer> serverPorts = new HashSet<>(allPorts(offset));
        serverPorts.add(DB_PORT);
        LogScanner scanner = new LogScanner(secrets, serverPorts);

        List<Path> logs = new ArrayList<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            Path log = dataDir.resolve("logs/" + spec.name() + ".log");
            assertTrue(Files.size(log) > 0, "no output in " + log);
            logs.add(log);
        }
        Path launcherLog = dataDir.resolve("launcher-output.log");
        Files.writeString(launcherLog, output.text(), StandardCharsets.UTF_8);
        logs.add(launcherLog);

        List<LogScanner.Finding> findings = new ArrayList<>();
        for (Path log : logs) {
            findings.addAll(scanner.scan(log, !log.equals(launcherLog)));
        }
        assertEquals(List.of(), findings.stream().map(LogScanner.Finding::toString).toList(),
                "found in the logs of a demo run (requests sent afterwards: " + sent + ")");
        List<String> demoIps = demoSenderAddresses(dataDir.resolve("demo/pings.csv"));
        assertTrue(demoIps.size() > 100, "the demo's pings carry sender addresses: " + demoIps.size());
    }

    /** SIGTERM to the launcher; true when it exited in time (else everything is killed). */
    private boolean stopTheStack() throws InterruptedException {
        children.addAll(launcher.descendants().toList());
        launcher.destroy();
        boolean exited = launcher.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            children.forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return exited;
    }

    /** Today's installations once two readings 3 s apart agree (the demo's pings may still be being consumed). */
    private static long settledInstallationsOn(GrowthApi api, LocalDate day) throws InterruptedException {
        long previous = -1;
        for (int i = 0; i < 40; i++) {
            long now = api.installationsOn(day).orElse(-2);
            if (now >= 0 && now == previous) {
                return now;
            }
            previous = now;
            Thread.sleep(3000);
        }
        throw new AssertionError("today's installations never settled: last " + previous);
    }

    /** Requests carrying what must not be logged; returns "what → status" for the failure message. */
    private static List<String> sendWhatACarelessServiceWouldLog(int offset, Map<String, String> secrets)
            throws Exception {
        String ingest = ServiceSpec.TELEMETRY_INGEST.baseUrl(offset);
        String revenue = ServiceSpec.REVENUE_SERVICE.baseUrl(offset);
        String collector = ServiceSpec.SNAPSHOT_COLLECTOR.baseUrl(offset);
        String api = ServiceSpec.GROWTH_API.baseUrl(offset);
        String admin = secrets.get("admin token");
        String wrong = secrets.get("wrong bearer token");
        String email = "jane.doe@customer.example";
        String card = "4111 1111 1111 1111";
        List<String> sent = new ArrayList<>();
        Map<String, String> json = Map.of("Content-Type", "application/json", "X-Forwarded-For", "203.0.113.9",
                "X-Real-IP", "2001:db8::9");

        String pingWithPersonalData = """
                {"instanceId":"logscan-1","note":"%s %s 198.51.100.23","os":{"type":"Linux","release":"%s","arch":"x64"},
                 "env":{"nodejs":"v20.19.4","flowforge":"2.33.2"},"platform":{"counts":{"users":1},"config":{"driver":"localfs"},
                 "license":{"id":"%s","type":"CE"}}}""".formatted(email, card, email, card);
        sent.add("ping with personal data → " + post(ingest + "/ping", json, pingWithPersonalData));
        sent.add("ping with NUL → " + post(ingest + "/ping", json,
                "{\"instanceId\":\"" + email + "\",\"note\":\"a\\u0000b " + card + "\"}"));
        sent.add("broken ping → " + post(ingest + "/ping", json, "{\"instanceId\":\"" + email + "\", " + card));
        sent.add("ping as text → " + post(ingest + "/ping", Map.of("Content-Type", "text/plain"), email));
        sent.add("import, wrong token → " + post(ingest + "/admin/import/pings",
                Map.of("Content-Type", "text/csv", "Authorization", "Bearer " + wrong), "instanceId,ip\nx,192.0.2.1\n"));
        sent.add("import, bad CSV → " + post(ingest + "/admin/import/pings",
                Map.of("Content-Type", "text/csv", "Authorization", "Bearer " + admin),
                "instanceId,ip,created_at\n" + email + ",192.0.2.44,not-a-date\n"));

        String event = """
                {"id":"evt_logscan1","object":"event","type":"invoice.payment_failed","created":%d,"api_version":"2026-07-29.dahlia",
                 "data":{"object":{"id":"in_logscan1","object":"invoice","customer":"cus_logscan","customer_email":"%s",
                 "customer_address":{"line1":"1 Main St"},"payment_settings":{"card":"%s"},"subscription":"sub_logscan"}}}"""
                .formatted(Instant.now().getEpochSecond(), email, card);
        String signature = Webhook.Signature.generateSignatureHeader(event, secrets.get("Stripe webhook secret"));
        sent.add("webhook, signed → " + post(revenue + "/stripe/webhook",
                Map.of("Content-Type", "application/json", "Stripe-Signature", signature), event));
        sent.add("webhook, bad signature → " + post(revenue + "/stripe/webhook",
                Map.of("Content-Type", "application/json", "Stripe-Signature", "t=1,v1=" + wrong), event));
        String subscription = """
                {"id":"evt_logscan2","object":"event","type":"customer.discount.created","created":%d,"api_version":"2026-07-29.dahlia",
                 "data":{"object":{"id":"di_logscan","object":"discount","customer":"cus_logscan","subscription":"sub_logscan",
                 "coupon":{"id":"%s","object":"coupon","percent_off":10}}}}""".formatted(Instant.now().getEpochSecond(), email);
        sent.add("webhook, discount (re-reads through the API stub) → " + post(revenue + "/stripe/webhook",
                Map.of("Content-Type", "application/json", "Stripe-Signature",
                        Webhook.Signature.generateSignatureHeader(subscription, secrets.get("Stripe webhook secret"))),
                subscription));
        sent.add("contract, wrong token → " + put(revenue + "/api/v1/contracts/c-logscan", wrong,
                "{\"customer\":\"" + email + "\"}"));
        sent.add("contract, email as customer → " + put(revenue + "/api/v1/contracts/c-logscan", admin,
                "{\"customer\":\"" + email + "\",\"annualValueCents\":" + "9".repeat(30)
                        + ",\"currency\":\"usd\",\"status\":\"won\",\"wonDate\":\"2026-01-01\",\"startDate\":\"x\"}"));
        sent.add("feature metric with personal data → " + post(collector + "/api/v1/feature-metrics",
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + admin),
                "[{\"metric\":\"logscan.metric\",\"value\":1e200000,\"observedAt\":\"2026-01-01T00:00:00Z\",\"source\":\""
                        + email + "\",\"labels\":{\"email\":\"" + email + "\",\"card\":\"" + card + "\"}}]"));
        sent.add("feature metric, wrong token → " + post(collector + "/api/v1/feature-metrics",
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + wrong), "[]"));
        sent.add("query with an e-mail → " + get(api + "/api/v1/installations/daily?from="
                + java.net.URLEncoder.encode(email, StandardCharsets.UTF_8) + "&to=2026-01-01"));
        sent.add("query with a card → " + get(api + "/api/v1/growth/weekly?series="
                + java.net.URLEncoder.encode(card + "'; DROP TABLE x;--", StandardCharsets.UTF_8)
                + "&from=2026-01-01&to=2026-02-01"));
        return sent;
    }

    private static int post(String url, Map<String, String> headers, String body) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(headers);
        return Http.post(url, all, HttpRequest.BodyPublishers.ofString(body), Duration.ofSeconds(30)).status();
    }

    private static int put(String url, String token, String body) throws Exception {
        return Http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build()).status();
    }

    private static int get(String url) throws Exception {
        return Http.get(url, Duration.ofSeconds(30)).status();
    }

    /** The demo ping history's sender addresses (the old collector kept them; the import must not log them). */
    private static List<String> demoSenderAddresses(Path csv) throws IOException {
        try (Stream<String> lines = Files.lines(csv, StandardCharsets.UTF_8)) {
            List<String> all = lines.toList();
            int column = List.of(all.get(0).split(",", -1)).indexOf("ip");
            return all.stream().skip(1).map(l -> l.split(",", -1)).filter(f -> f.length > column)
                    .map(f -> f[column]).filter(ip -> !ip.isEmpty()).distinct().toList();
        }
    }

    /**
     * The stack's role, with a password of its own so a leaked database password can be told from "postgres"; and
     * Grafana's login in growth_reader, as docs/metrics.md tells an operator to make it (the stack's role may not create
     * roles, so growth_reader is made here when this cluster does not have it yet).
     */
    private static void createDatabaseRoles(String host, int port, String stackPassword, String grafanaPassword)
            throws Exception {
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, "postgres", System.getenv().getOrDefault("PGPASSWORD", "postgres"));
             Statement s = c.createStatement()) {
            if (!roleExists(c, "growth_reader")) {
                s.execute("CREATE ROLE growth_reader NOLOGIN");
            }
            s.execute((roleExists(c, DB_ROLE) ? "ALTER ROLE " : "CREATE ROLE ") + DB_ROLE + " LOGIN CREATEDB PASSWORD "
                    + quoted(stackPassword));
            s.execute((roleExists(c, GRAFANA_LOGIN) ? "ALTER ROLE " : "CREATE ROLE ") + GRAFANA_LOGIN + " LOGIN PASSWORD "
                    + quoted(grafanaPassword));
            s.execute("GRANT growth_reader TO " + GRAFANA_LOGIN);
        }
    }

    private static boolean roleExists(Connection c, String role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String quoted(String literal) {
        return "'" + literal.replace("'", "''") + "'";
    }

    /** Stripe's API as seen from revenue-service: every call fails (404), so its error paths are logged too. */
    private static HttpServer stripeApiStub() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"No such subscription\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** The first offset (100, 110, ...) whose ports are all free, so the test runs beside a developer's stack. */
    private static int freePortOffset() {
        for (int offset = 100; offset < 1000; offset += 10) {
            if (busyPorts(offset).isEmpty()) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset between 100 and 1000");
    }

    private static List<Integer> allPorts(int offset) {
        List<Integer> ports = new ArrayList<>();
        ServiceSpec.ALL.forEach(s -> ports.add(s.port(offset)));
        ports.add(ServiceSpec.KAFKA_BASE_PORT + offset);
        ports.add(LocalPrometheus.BASE_PORT + offset);
        return ports;
    }

    private static List<Integer> busyPorts(int offset) {
        List<Integer> busy = new ArrayList<>();
        for (int port : allPorts(offset)) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
            } catch (IOException e) {
                busy.add(port);
            }
        }
        return busy;
    }

    private static List<ProcessHandle> awaitGone(List<ProcessHandle> processes, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && processes.stream().anyMatch(ProcessHandle::isAlive)) {
            Thread.sleep(200);
        }
        return processes.stream().filter(ProcessHandle::isAlive).toList();
    }

    private static String resource(String name) throws IOException {
        try (java.io.InputStream in = DemoStackTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The launcher's output: echoed to the test log, kept, watched for the ready line. */
    private static final class Output {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final CountDownLatch ready = new CountDownLatch(1);

        Output(java.io.InputStream stream) {
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                        System.out.println("[run] " + line);
                        if (line.contains(LocalLauncher.READY_LINE)) {
                            ready.countDown();
                        }
                    }
                } catch (IOException e) {
                    // the launcher is gone
                }
            }, "launcher-output");
            reader.setDaemon(true);
            reader.start();
        }

        boolean awaitReady(Process process, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (ready.await(500, TimeUnit.MILLISECONDS)) {
                    return true;
                }
                if (!process.isAlive()) {
                    Thread.sleep(200);
                    return ready.getCount() == 0;
                }
            }
            return false;
        }

        String text() {
            return String.join("\n", lines);
        }
    }
}
