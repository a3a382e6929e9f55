package io.growthmetrics.deploy.local;

import com.stripe.net.Webhook;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
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
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The logs of a full demo run hold no secret, token, e-mail address, IP address or card number. Runs
 * {@code deploy/local/run --fresh} with the demo (pings import, Stripe webhooks, contracts, cloud snapshots), with
 * secrets of its own (admin token, Stripe webhook secret and API key, IP hash key, a database role with its own
 * password), then sends what a careless service would log: pings with e-mails, card numbers and addresses inside,
 * wrong tokens, a badly signed and a well signed webhook carrying a customer's e-mail and card, bad queries. Then it
 * stops the stack and scans every service's log and the launcher's output ({@link LogScanner}); a finding fails the
 * test naming the file and line.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class LogScanTest {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(90);
    private static final String DB_ROLE = "growth_logscan";

    private final Path module = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    private final Path repo = module.resolve("../..").normalize();

    @Test
    void aFullDemoRunLogsNoSecretTokenEmailAddressOrCardNumber() throws Exception {
        List<String> notBuilt = ServiceSpec.ALL.stream().filter(s -> !Files.isRegularFile(s.runJar(repo)))
                .map(ServiceSpec::name).toList();
        assumeTrue(notBuilt.isEmpty(), "services not packaged yet: " + notBuilt);

        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("admin token", "adm-" + Secrets.randomUrlSafe(24));
        secrets.put("Stripe webhook secret", "whsec_" + Secrets.randomUrlSafe(24));
        secrets.put("Stripe API key", "sk_test_" + Secrets.randomUrlSafe(24));
        secrets.put("GitHub webhook secret", "ghwh-" + Secrets.randomUrlSafe(24));
        secrets.put("IP hash key", "iphash-" + Secrets.randomUrlSafe(24));
        secrets.put("database password", "dbpw-" + Secrets.randomUrlSafe(24));
        secrets.put("wrong bearer token", "wrongtok-" + Secrets.randomUrlSafe(24));
        String dbHost = "127.0.0.1";
        int dbPort = 5432;
        createDatabaseRole(dbHost, dbPort, secrets.get("database password"));

        int offset = freePortOffset();
        Path dataDir = module.resolve("target/logscan-data");
        HttpServer stripeApi = stripeApiStub();
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
        env.put("DB_HOST", dbHost);
        env.put("DB_PORT", Integer.toString(dbPort));
        env.put("DB_USER", DB_ROLE);
        env.put("DB_PASSWORD", secrets.get("database password"));
        env.remove("QUARKUS_HTTP_HOST");
        env.remove("LOCAL_BIND_ADDRESS");
        Process launcher = builder.start();
        Output output = new Output(launcher.getInputStream());

        List<String> sent = new ArrayList<>();
        List<ProcessHandle> children = new ArrayList<>();
        try {
            if (!output.awaitReady(launcher, READY_TIMEOUT)) {
                fail("deploy/local/run did not print '" + LocalLauncher.READY_LINE + "' within " + READY_TIMEOUT
                        + (launcher.isAlive() ? "" : " (it exited with " + launcher.exitValue() + ")")
                        + "; its output:\n" + output.text());
            }
            children.addAll(launcher.descendants().toList());
            sent.addAll(sendWhatACarelessServiceWouldLog(offset, secrets));
            Thread.sleep(5000);   // kpi-service consumes (or dead-letters) what was just sent
        } finally {
            children.addAll(launcher.descendants().toList());
            launcher.destroy();
            boolean exited = launcher.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!exited) {
                children.forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            stripeApi.stop(0);
        }

        assertTrue(output.text().contains("installations for") && output.text().contains("Stripe webhooks:")
                && output.text().contains("Cloud snapshots:"), "the demo ran:\n" + output.text());
        Set<Integer> serverPorts = new HashSet<>();
        ServiceSpec.ALL.forEach(s -> serverPorts.add(s.port(offset)));
        serverPorts.add(ServiceSpec.KAFKA_BASE_PORT + offset);
        serverPorts.add(dbPort);
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

    /** A role of its own with a password of its own, so a leaked database password can be told from "postgres". */
    private static void createDatabaseRole(String host, int port, String password) throws Exception {
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, "postgres", System.getenv().getOrDefault("PGPASSWORD", "postgres"));
             Statement s = c.createStatement()) {
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                ps.setString(1, DB_ROLE);
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            String quoted = "'" + password.replace("'", "''") + "'";
            s.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + DB_ROLE + " LOGIN CREATEDB PASSWORD " + quoted);
        }
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

    private static int freePortOffset() {
        for (int candidate = 200; candidate < 1000; candidate += 10) {
            int offset = candidate;
            boolean free = true;
            List<Integer> ports = new ArrayList<>();
            ServiceSpec.ALL.forEach(s -> ports.add(s.port(offset)));
            ports.add(ServiceSpec.KAFKA_BASE_PORT + offset);
            for (int port : ports) {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.bind(new InetSocketAddress(port));
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset between 200 and 1000");
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
