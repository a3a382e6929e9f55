package io.growthmetrics.deploy.faults;

import io.growthmetrics.deploy.local.ServiceProcess;
import io.growthmetrics.deploy.local.ServiceSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fault harness (issue 7, "Faults"): the real services, broker and database as child processes, broken on purpose
 * while traffic streams in; every scenario counts records sent, acknowledged, in the views, lost and duplicated, and
 * the time to recover (printed, and written to {@code target/faults/figures.md}). Asserted: nothing acknowledged is
 * lost, nothing is counted twice, and each scenario ran. Never timings.
 * <p>
 * {@code -Dfaults.mode=quick} (default) or {@code full}. See docs/reliability.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class FaultScenariosTest {

    private static final Duration CATCH_UP = Duration.ofSeconds(180);

    private final Path module = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    private final Path repo = module.resolve("../..").normalize();
    private final Mode mode = Mode.current();
    private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    private final LocalDate yesterday = today.minusDays(1);
    private FaultStack stack;
    private Client client;
    private Figures figures;

    @BeforeAll
    void startStack() throws Exception {
        List<String> notBuilt = FaultStack.notBuilt(repo);
        assumeTrue(notBuilt.isEmpty(), "services not packaged yet: " + notBuilt);
        Path work = Path.of(System.getProperty("faults.work", module.resolve("target/faults").toString()));
        io.growthmetrics.deploy.local.FileTree.delete(work);
        Files.createDirectories(work);
        figures = new Figures(work.resolve("figures.md"));
        System.out.println("[faults] mode " + mode.name() + ", work folder " + work);
        stack = new FaultStack(repo, work);
        String dbName = "faults_" + System.getenv().getOrDefault("TEST_DB_NAME", "test").replaceAll("[^A-Za-z0-9_]", "_");
        Db shared = new Db(System.getenv().getOrDefault("FAULTS_DB_HOST", "127.0.0.1"),
                Integer.parseInt(System.getenv().getOrDefault("FAULTS_DB_PORT", "5432")), "postgres",
                System.getenv().getOrDefault("PGPASSWORD", "postgres"), dbName);
        try {
            stack.start(PrivatePostgres.binaries(), shared, mode);
        } catch (Exception e) {
            stack.close();
            throw e;
        }
        client = new Client(stack);
    }

    @AfterAll
    void stopStack() {
        if (stack != null) {
            // kpi-service takes ~20 s to stop gracefully (its consumers close one after another); nothing is checked
            // after this point, so it is killed and the rest stopped as before
            ServiceProcess kpi = stack.service("kpi-service");
            if (kpi != null) {
                kill(kpi);
            }
            stack.close();
        }
        if (figures != null) {
            System.out.println("[faults] figures (" + mode.name() + " mode):\n" + Figures.header()
                    + figures.rows().stream().map(Figures::line).collect(Collectors.joining("\n")));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // a. kpi-service killed three times while pings, feature metrics, snapshots and Stripe events stream in

    @Test
    @Order(1)
    void a_kpiServiceKilledThreeTimesEqualsAFromScratchRebuild() throws Exception {
        String scenario = "a. kpi-service kill -9 ×" + mode.kills();
        Tally pings = new Tally("pings");
        Tally metrics = new Tally("feature metrics");
        Tally snapshots = new Tally("snapshots");
        Tally stripe = new Tally("Stripe webhooks");
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int thread = t;
            threads.add(stream("a-pings-" + t, failures, () -> {
                for (int i = 0; !stop.get(); i++) {
                    client.ping(pings, String.format("faults-a-%d-%06d", thread, i));
                    Thread.sleep(mode.pingPauseMillis());
                }
            }));
        }
        threads.add(stream("a-metrics", failures, () -> {
            for (int i = 0; !stop.get(); i++) {
                client.featureMetric(metrics, "faults.a." + i, i, yesterday.atTime(12, 0).toInstant(ZoneOffset.UTC)
                        .minusSeconds(i % 3600));
                Thread.sleep(mode.pingPauseMillis() * 4);
            }
        }));
        threads.add(stream("a-snapshots", failures, () -> {
            for (int i = 0; !stop.get(); i++) {
                client.snapshot(snapshots, today.minusDays(1 + i % 10));
                Thread.sleep(1000);
            }
        }));
        List<Payloads.StripeEvent> history = Payloads.stripeHistory(7001L, Instant.now(), mode.stripeCustomers(), "fa",
                Map.of());
        threads.add(stream("a-stripe", failures, () -> {
            for (Payloads.StripeEvent e : history) {
                if (stop.get()) {
                    break;
                }
                client.webhook(stripe, e.id(), e.json());
                Thread.sleep(mode.pingPauseMillis() * 2);
            }
        }));

        List<Double> recoveries = new ArrayList<>();
        try {
            for (int k = 1; k <= mode.kills(); k++) {
                Thread.sleep(mode.gapBetweenKills().toMillis());
                Map<TopicPartition, Long> before = stack.kafka().endOffsets(kpiTopics());
                long killedAt = System.nanoTime();
                stack.killKpi();
                System.out.println("[faults] a: kpi-service killed (" + k + "/" + mode.kills() + ")");
                stack.startKpi();
                assertTrue(awaitCommitted("", before, CATCH_UP), "kpi-service did not consume what was there before kill "
                        + k + " within " + CATCH_UP);
                double seconds = (System.nanoTime() - killedAt) / 1e9;
                recoveries.add(seconds);
                System.out.printf(java.util.Locale.ROOT, "[faults] a: kill %d recovered in %.1f s%n", k, seconds);
            }
        } finally {
            stop.set(true);
            join(threads);
        }
        assertTrue(failures.isEmpty(), "a stream failed: " + failures);
        if (stripe.attempts() < history.size()) {
            // the kills were quicker than the billing history: send the rest now, so every event is checked
            for (Payloads.StripeEvent e : history.subList((int) stripe.attempts(), history.size())) {
                client.webhook(stripe, e.id(), e.json());
            }
        }
        Set<String> inSnapshot = finalSnapshot(yesterday, metrics.acked());
        assertTrue(stack.awaitKpiCaughtUp("", CATCH_UP), "kpi-service did not catch up within " + CATCH_UP);
        double recovery = recoveries.stream().mapToDouble(Double::doubleValue).max().orElse(-1);
        String killNote = "kill → caught up: " + recoveries.stream()
                .map(s -> String.format(java.util.Locale.ROOT, "%.1f s", s)).collect(Collectors.joining(", "));

        Counts p = pingCounts(pings, "faults-a-");
        figures.add(scenario, "pings", pings.attempts(), pings.acked().size(), p.inViews, p.lost, p.duplicated, recovery,
                killNote);
        Counts m = metricCounts(metrics, "faults.a.", inSnapshot);
        figures.add(scenario, "feature metrics", metrics.attempts(), metrics.acked().size(), m.inViews, m.lost,
                m.duplicated, recovery, "in the snapshot of " + yesterday);
        Counts s = snapshotCounts(snapshots);
        figures.add(scenario, "daily snapshots (days)", snapshots.sent().size(), snapshots.acked().size(), s.inViews,
                s.lost, s.duplicated, recovery, snapshots.attempts() + " snapshots taken of " + snapshots.sent().size()
                        + " days");
        Counts w = stripeCounts(stripe);
        figures.add(scenario, "Stripe webhooks", stripe.attempts(), stripe.acked().size(), w.inViews, w.lost,
                w.duplicated, recovery, "");

        // the views after the kills equal a from-scratch rebuild of the same topics, row for row
        long rebuildStart = System.nanoTime();
        List<ViewComparison.Relation> diff = compareWithARebuild("faults_rebuild", "faults-rebuild.");
        List<ViewComparison.Relation> unequal = diff.stream().filter(r -> !r.equal()).toList();
        long rows = diff.stream().mapToLong(ViewComparison.Relation::leftRows).sum();
        figures.add(scenario, "rebuild comparison", diff.size(), diff.size(), diff.size() - unequal.size(), 0,
                0, (System.nanoTime() - rebuildStart) / 1e9, rows + " rows in " + diff.size()
                        + " tables and views compared; " + (unequal.isEmpty() ? "all equal" : "different: " + unequal));

        assertAll(pings, p);
        assertAll(metrics, m);
        assertAll(snapshots, s);
        assertAll(stripe, w);
        assertTrue(pings.acked().size() > 0 && metrics.acked().size() > 0 && stripe.acked().size() > 0
                && snapshots.acked().size() > 0, "every stream had acknowledged records");
        assertEquals(mode.kills(), recoveries.size(), "kills done");
        assertTrue(unequal.isEmpty(), "the views differ from a from-scratch rebuild: " + unequal);
        assertInstallationsView();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // e. Stripe events shuffled and duplicated give the same MRR and movements as in order

    @Test
    @Order(2)
    void e_shuffledAndDuplicatedStripeEventsGiveTheSameMrr() throws Exception {
        String scenario = "e. Stripe redelivery and reordering";
        Instant now = Instant.now();
        // the same history twice: in order in pounds and francs, shuffled and repeated in Australian and Canadian dollars
        List<Payloads.StripeEvent> ordered = Payloads.stripeHistory(7005L, now, mode.stripeCustomers(), "eo",
                Map.of("usd", "gbp", "eur", "chf"));
        List<Payloads.StripeEvent> copy = Payloads.stripeHistory(7005L, now, mode.stripeCustomers(), "es",
                Map.of("usd", "aud", "eur", "cad"));
        Random random = new Random(Long.getLong("faults.seed", 20261129L));
        List<Payloads.StripeEvent> shuffled = new ArrayList<>();
        for (Payloads.StripeEvent e : copy) {
            int times = 1 + random.nextInt(3);
            for (int i = 0; i < times; i++) {
                shuffled.add(e);
            }
        }
        Collections.shuffle(shuffled, random);
        Tally inOrder = new Tally("in order");
        Tally mixed = new Tally("shuffled and duplicated");
        for (Payloads.StripeEvent e : ordered) {
            client.webhook(inOrder, e.id(), e.json());
        }
        for (Payloads.StripeEvent e : shuffled) {
            client.webhook(mixed, e.id(), e.json());
        }
        long start = System.nanoTime();
        assertTrue(stack.awaitKpiCaughtUp("", CATCH_UP), "kpi-service did not catch up");
        Map<String, String> map = Map.of("gbp", "aud", "chf", "cad");
        List<String> differences = List.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> orderedRows = List.of();
        while (System.nanoTime() < deadline) {
            orderedRows = revenueRows("gbp", "chf", "eo", map);
            List<String> mixedRows = revenueRows("aud", "cad", "es", Map.of());
            differences = symmetricDifference(orderedRows, mixedRows);
            if (differences.isEmpty() && !orderedRows.isEmpty()) {
                break;
            }
            Thread.sleep(250);
        }
        double recovery = (System.nanoTime() - start) / 1e9;
        Counts o = stripeCounts(inOrder);
        Counts x = stripeCounts(mixed);
        figures.add(scenario, "Stripe webhooks in order", inOrder.attempts(), inOrder.acked().size(), o.inViews, o.lost,
                o.duplicated, -1, orderedRows.size() + " MRR and movement rows");
        figures.add(scenario, "Stripe webhooks shuffled, each 1-3×", mixed.attempts(), mixed.acked().size(), x.inViews,
                x.lost, differences.size(), recovery, mixed.attempts() + " deliveries of " + copy.size() + " events; "
                        + differences.size() + " MRR or movement rows differ from the in-order copy");
        assertAll(inOrder, o);
        assertAll(mixed, x);
        assertTrue(!orderedRows.isEmpty(), "the in-order copy produced MRR rows");
        assertTrue(differences.isEmpty(), "shuffled and duplicated events give other MRR or movements: "
                + differences.stream().limit(10).toList());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // b. the broker stopped, then frozen, during ingest

    @Test
    @Order(3)
    void b_brokerStoppedThenFrozen() throws Exception {
        outageOfTheBroker("b. broker stopped", "b1", () -> stack.stopBroker(), () -> stack.startBroker());
        outageOfTheBroker("b. broker frozen (SIGSTOP)", "b2", () -> stack.freezeBroker(true),
                () -> stack.freezeBroker(false));
    }

    private interface Step {
        void run() throws Exception;
    }

    private void outageOfTheBroker(String scenario, String tag, Step down, Step up) throws Exception {
        Tally pings = new Tally("pings");
        Tally hooks = new Tally("Stripe webhooks");
        Tally metrics = new Tally("feature metrics");
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        Map<String, Long> firstOkAfterUp = new HashMap<>();
        java.util.concurrent.atomic.AtomicLong upAt = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        // enough events to keep webhooks coming before, during and after the outage (one every 300 ms)
        List<Payloads.StripeEvent> history = Payloads.stripeHistory(7002L + tag.hashCode(), Instant.now(),
                (int) Math.max(40, mode.brokerOutage().toSeconds() * 2), tag, Map.of());
        List<Payloads.StripeEvent> refused = new CopyOnWriteArrayList<>();
        for (int t = 0; t < 3; t++) {
            int thread = t;
            threads.add(stream(tag + "-pings-" + t, failures, () -> {
                for (int i = 0; !stop.get(); i++) {
                    Client.Answer a = client.ping(pings, String.format("faults-%s-%d-%06d", tag, thread, i));
                    noteFirstOk(firstOkAfterUp, "pings", a, upAt.get());
                    Thread.sleep(mode.pingPauseMillis() * 2);
                }
            }));
        }
        threads.add(stream(tag + "-stripe", failures, () -> {
            for (int i = 0; !stop.get() && i < history.size(); i++) {
                Payloads.StripeEvent e = history.get(i);
                Client.Answer a = client.webhook(hooks, e.id(), e.json());
                if (!a.ok()) {
                    refused.add(e); // Stripe retries a non-2xx delivery later
                }
                noteFirstOk(firstOkAfterUp, "webhooks", a, upAt.get());
                Thread.sleep(300);
            }
        }));
        threads.add(stream(tag + "-metrics", failures, () -> {
            for (int i = 0; !stop.get(); i++) {
                Client.Answer a = client.featureMetric(metrics, "faults." + tag + "." + i, i,
                        yesterday.atTime(13, 0).toInstant(ZoneOffset.UTC));
                noteFirstOk(firstOkAfterUp, "metrics", a, upAt.get());
                Thread.sleep(300);
            }
        }));
        try {
            Thread.sleep(3000);
            down.run();
            System.out.println("[faults] " + scenario + ": down for " + mode.brokerOutage().toSeconds() + " s");
            Thread.sleep(mode.brokerOutage().toMillis());
            up.run();
            upAt.set(System.nanoTime());
            System.out.println("[faults] " + scenario + ": up again");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                synchronized (firstOkAfterUp) {
                    if (firstOkAfterUp.size() == 3) {
                        break;
                    }
                }
                Thread.sleep(200);
            }
            Thread.sleep(1000);
        } finally {
            stop.set(true);
            join(threads);
        }
        assertTrue(failures.isEmpty(), "a stream failed: " + failures);
        // Stripe's retries of the deliveries that were refused
        for (Payloads.StripeEvent e : refused) {
            Client.Answer a = client.webhook(hooks, e.id(), e.json());
            assertTrue(a.ok(), "a retried webhook was refused after the outage: " + a);
        }
        Set<String> inSnapshot = finalSnapshot(yesterday, metrics.acked());
        assertTrue(stack.awaitKpiCaughtUp("", CATCH_UP), "kpi-service did not catch up after the outage");
        Counts p = pingCounts(pings, "faults-" + tag + "-");
        Counts w = stripeCounts(hooks);
        Counts m = metricCounts(metrics, "faults." + tag + ".", inSnapshot);
        figures.add(scenario, "pings", pings.attempts(), pings.acked().size(), p.inViews, p.lost, p.duplicated,
                seconds(firstOkAfterUp.get("pings"), upAt.get()), answers(pings));
        figures.add(scenario, "Stripe webhooks", hooks.attempts(), hooks.acked().size(), w.inViews, w.lost, w.duplicated,
                seconds(firstOkAfterUp.get("webhooks"), upAt.get()), answers(hooks) + "; refused ones redelivered after");
        figures.add(scenario, "feature metrics", metrics.attempts(), metrics.acked().size(), m.inViews, m.lost,
                m.duplicated, seconds(firstOkAfterUp.get("metrics"), upAt.get()), answers(metrics));
        for (Tally t : List.of(pings, hooks, metrics)) {
            assertEquals(0, t.badAnswers(), scenario + ": " + t.name() + " got a 500, another 5xx or no answer: " + t);
            assertTrue(t.count(503) > 0 || (t == hooks && t.attempts() > t.acked().size()),
                    scenario + ": " + t.name() + " never got a 503 while the broker was away: " + t);
            assertTrue(firstOkAfterUp.containsKey(t == pings ? "pings" : t == hooks ? "webhooks" : "metrics"),
                    scenario + ": " + t.name() + " never got a 2xx after the broker was back: " + t);
        }
        assertAll(pings, p);
        assertAll(hooks, w);
        assertAll(metrics, m);
    }

    private static void noteFirstOk(Map<String, Long> firstOk, String stream, Client.Answer a, long upAt) {
        if (!a.ok()) {
            return;
        }
        synchronized (firstOk) {
            if (upAt != Long.MAX_VALUE && !firstOk.containsKey(stream)) {
                firstOk.put(stream, System.nanoTime());
            }
        }
    }

    private static double seconds(Long at, long since) {
        return at == null ? -1 : Math.max(0, (at - since) / 1e9);
    }

    private static String answers(Tally t) {
        return "answers " + t.statuses() + ", slowest refusal " + t.slowestRefusalMillis() + " ms";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // c. PostgreSQL restarted during consumption

    @Test
    @Order(4)
    void c_postgresRestartedDuringConsumption() throws Exception {
        String scenario = "c. PostgreSQL restarted";
        if (!stack.hasPrivatePostgres()) {
            String why = "no PostgreSQL binaries under /usr/lib/postgresql/*/bin (or -Dfaults.pg.bin): the database "
                    + "restart scenario needs a private cluster";
            if (System.getenv("CI") != null) {
                throw new AssertionError(why);
            }
            assumeTrue(false, why);
        }
        Tally pings = new Tally("pings");
        Tally api = new Tally("growth-api");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean down = new AtomicBoolean();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<String> apiDuringOutage = new CopyOnWriteArrayList<>();
        for (int t = 0; t < 2; t++) {
            int thread = t;
            threads.add(stream("c-pings-" + t, failures, () -> {
                for (int i = 0; !stop.get(); i++) {
                    client.ping(pings, String.format("faults-c-%d-%06d", thread, i));
                    Thread.sleep(mode.pingPauseMillis() * 2);
                }
            }));
        }
        String daily = stack.url(ServiceSpec.GROWTH_API) + "/api/v1/installations/daily?from=" + yesterday + "&to=" + today;
        threads.add(stream("c-api", failures, () -> {
            for (int i = 0; !stop.get(); i++) {
                Client.Answer a = Client.get(daily);
                api.record("get-" + i, a.status(), a.millis(), a.body());
                if (down.get() && a.status() != 200) {
                    apiDuringOutage.add(a.status() + " " + a.contentType());
                }
                Thread.sleep(500);
            }
        }));
        double recovery;
        try {
            Thread.sleep(3000);
            stack.privatePostgres().stopServer();
            down.set(true);
            System.out.println("[faults] c: PostgreSQL stopped for " + mode.databaseOutage().toSeconds() + " s");
            Thread.sleep(mode.databaseOutage().toMillis());
            stack.privatePostgres().startServer();
            down.set(false);
            long upAt = System.nanoTime();
            System.out.println("[faults] c: PostgreSQL started again");
            Thread.sleep(2000);
            stop.set(true);
            join(threads);
            assertTrue(stack.awaitKpiCaughtUp("", CATCH_UP), "kpi-service did not resume after the database came back");
            Client.Answer after = awaitOk(daily, Duration.ofSeconds(60));
            recovery = (System.nanoTime() - upAt) / 1e9;
            assertEquals(200, after.status(), "growth-api after the database came back: " + after);
        } finally {
            stop.set(true);
            join(threads);
            if (!stack.privatePostgres().isRunning()) {
                stack.privatePostgres().startServer();
            }
        }
        assertTrue(failures.isEmpty(), "a stream failed: " + failures);
        Counts p = pingCounts(pings, "faults-c-");
        figures.add(scenario, "pings", pings.attempts(), pings.acked().size(), p.inViews, p.lost, p.duplicated, recovery,
                "database away " + mode.databaseOutage().toSeconds() + " s; restart → consumers caught up");
        figures.add(scenario, "growth-api reads", api.attempts(), api.acked().size(), -1, 0, 0, -1,
                answers(api) + "; while away: " + apiDuringOutage.stream().distinct().toList());
        assertEquals(0, pings.badAnswers(), "pings answered badly while the database was away: " + pings);
        assertEquals(0, api.badAnswers(), "growth-api answered a 500 or hung while the database was away: " + api);
        assertTrue(api.count(503) > 0, "growth-api never answered 503 while the database was away: " + api);
        assertTrue(apiDuringOutage.stream().filter(s -> s.startsWith("503"))
                        .allMatch(s -> s.contains("application/problem+json")),
                "growth-api's 503 is not problem+json: " + apiDuringOutage);
        assertAll(pings, p);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // d. poison records on every consumed topic; hostile pings over HTTP

    @Test
    @Order(5)
    void d_poisonRecordsAreDeadLetteredAndConsumptionGoesOn() throws Exception {
        String scenario = "d. poison records";
        Kafka kafka = stack.kafka();
        Map<String, List<RecordMetadata>> poisoned = new LinkedHashMap<>();
        Map<String, List<byte[]>> bytes = new LinkedHashMap<>();
        List<String> topics = new ArrayList<>(kpiTopics());
        topics.add("feature-adoption.metrics.v1");
        for (String topic : topics) {
            List<byte[]> records = new ArrayList<>(Payloads.poisonRecords());
            if (topic.equals("telemetry.pings.v1")) {
                records.add(Payloads.poisonPingEvent("faults-d-poison"));
            }
            List<Map.Entry<String, byte[]>> keyed = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                keyed.add(new AbstractMap.SimpleEntry<>("faults-poison-" + i, records.get(i)));
            }
            poisoned.put(topic, kafka.produce(topic, keyed));
            bytes.put(topic, records);
        }
        // consumption goes on: good records after the poison reach the views
        Tally after = new Tally("good pings after the poison");
        for (int i = 0; i < 20; i++) {
            client.ping(after, String.format("faults-d-%06d", i));
        }
        Tally metrics = new Tally("good metrics after the poison");
        client.featureMetric(metrics, "faults.d.after", 1, yesterday.atTime(14, 0).toInstant(ZoneOffset.UTC));
        Set<String> inSnapshot = finalSnapshot(yesterday, metrics.acked());
        long start = System.nanoTime();
        assertTrue(stack.awaitKpiCaughtUp("", CATCH_UP), "kpi-service did not consume past the poison records");

        // every poison record is on <topic>.dlq with a reason and its original bytes, once
        long sent = 0;
        long deadLettered = 0;
        long duplicated = 0;
        List<String> problems = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<String, Map<Long, List<ConsumerRecord<byte[], byte[]>>>> found = new HashMap<>();
        while (true) {
            found.clear();
            boolean complete = true;
            for (String topic : topics) {
                Map<Long, List<ConsumerRecord<byte[], byte[]>>> byOffset = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(topic + ".dlq")) {
                    if (topic.equals(header(r, "dead-letter-topic"))) {
                        String offset = header(r, "dead-letter-offset");
                        String partition = header(r, "dead-letter-partition");
                        if (offset != null && partition != null) {
                            byOffset.computeIfAbsent(Long.parseLong(partition) * 1_000_000_000L + Long.parseLong(offset),
                                    o -> new ArrayList<>()).add(r);
                        }
                    }
                }
                found.put(topic, byOffset);
                for (RecordMetadata md : poisoned.get(topic)) {
                    if (!byOffset.containsKey(md.partition() * 1_000_000_000L + md.offset())) {
                        complete = false;
                    }
                }
            }
            if (complete || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(1000);
        }
        for (String topic : topics) {
            List<RecordMetadata> mds = poisoned.get(topic);
            for (int i = 0; i < mds.size(); i++) {
                sent++;
                RecordMetadata md = mds.get(i);
                List<ConsumerRecord<byte[], byte[]>> copies = found.get(topic)
                        .getOrDefault(md.partition() * 1_000_000_000L + md.offset(), List.of());
                if (copies.isEmpty()) {
                    problems.add(topic + " record " + i + " (offset " + md.offset() + ") is not dead-lettered");
                    continue;
                }
                deadLettered++;
                duplicated += copies.size() - 1;
                ConsumerRecord<byte[], byte[]> copy = copies.get(0);
                if (!Arrays.equals(bytes.get(topic).get(i), copy.value())) {
                    problems.add(topic + " record " + i + ": the dead letter's bytes differ from the original");
                }
                String reason = header(copy, "dead-letter-reason");
                if (reason == null || reason.isBlank()) {
                    problems.add(topic + " record " + i + ": no dead-letter-reason");
                }
            }
        }
        double recovery = (System.nanoTime() - start) / 1e9;
        figures.add(scenario, "poison records on " + topics.size() + " topics", sent, sent, deadLettered,
                sent - deadLettered, duplicated, recovery, "\"in views\" = on <topic>.dlq with reason and original bytes"
                        + (problems.isEmpty() ? "" : "; problems: " + problems.size()));
        Counts p = pingCounts(after, "faults-d-");
        figures.add(scenario, "good pings after the poison", after.attempts(), after.acked().size(), p.inViews, p.lost,
                p.duplicated, -1, "");
        Counts m = metricCounts(metrics, "faults.d.", inSnapshot);
        figures.add(scenario, "good feature metric after the poison", metrics.attempts(), metrics.acked().size(),
                m.inViews, m.lost, m.duplicated, -1, "");

        // hostile pings over HTTP: each a 4xx; a good ping right after is answered 200 and counted
        Tally hostile = new Tally("hostile pings");
        List<byte[]> bodies = Payloads.hostilePings();
        List<String> notRefused = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            Client.Answer a = Client.post(stack.url(ServiceSpec.TELEMETRY_INGEST) + "/ping", "application/json",
                    bodies.get(i), Map.of());
            hostile.record("hostile-" + i, a.status(), a.millis(), a.body());
            if (a.status() / 100 != 4) {
                notRefused.add("#" + i + " " + new String(bodies.get(i), 0, Math.min(80, bodies.get(i).length),
                        StandardCharsets.UTF_8) + " → " + a.status());
            }
        }
        Tally good = new Tally("good ping after hostile ones");
        client.ping(good, "faults-d-good-after-hostile");
        assertTrue(stack.awaitKpiCaughtUp("", CATCH_UP), "kpi-service did not catch up after the hostile pings");
        Counts g = pingCounts(good, "faults-d-good-");
        figures.add(scenario, "hostile pings over HTTP", hostile.attempts(), hostile.acked().size(), 0, 0, 0, -1,
                answers(hostile) + (notRefused.isEmpty() ? "; every one refused with a 4xx" : "; not refused: " + notRefused));
        figures.add(scenario, "good ping after the hostile ones", good.attempts(), good.acked().size(), g.inViews, g.lost,
                g.duplicated, -1, "");

        assertTrue(problems.isEmpty(), "dead letters: " + problems);
        assertEquals(0, duplicated, "poison records dead-lettered more than once");
        assertAll(after, p);
        assertAll(metrics, m);
        assertTrue(notRefused.isEmpty(), "hostile pings not refused with a 4xx: " + notRefused);
        assertEquals(1, good.acked().size(), "the good ping after the hostile ones: " + good);
        assertAll(good, g);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // checks

    /** What the views hold of one stream. */
    // ---------------------------------------------------------------------------------------------------------------
    // f. scale-out: two telemetry-ingest and two kpi-service instances side by side give the views of one

    @Test
    @Order(6)
    void f_twoInstancesOfIngestAndKpiServiceGiveTheViewsOfOne() throws Exception {
        String scenario = "f. scale-out (2 ingest + 2 kpi-service)";
        long start = System.nanoTime();
        // the two second instances start side by side (each start waits until the instance is ready)
        CompletableFuture<ServiceProcess> startingIngest2 = CompletableFuture.supplyAsync(() -> {
            try {
                return stack.startSecondInstance(ServiceSpec.TELEMETRY_INGEST);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        ServiceProcess kpi2;
        ServiceProcess ingest2;
        try {
            kpi2 = stack.startSecondInstance(ServiceSpec.KPI_SERVICE);
        } finally {
            ingest2 = startingIngest2.join();
        }
        List<String> ingests = List.of(stack.url(ServiceSpec.TELEMETRY_INGEST), ingest2.baseUrl());
        List<String> kpis = List.of(stack.url(ServiceSpec.KPI_SERVICE), kpi2.baseUrl());
        Map<String, Double> consumedBefore = new HashMap<>();
        for (String kpi : kpis) {
            consumedBefore.put(kpi, storedPings(kpi));
        }
        int senders = 4;
        int perSender = mode.full() ? 5_000 : 500;
        Tally pings = new Tally("pings through two ingests");
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < senders; t++) {
            int sender = t;
            threads.add(stream("scale-out sender " + t, failures, () -> {
                for (int i = 0; i < perSender; i++) {
                    // each sender alternates between the two ingests: any installation may reach either
                    Client.ping(pings, ingests.get((sender + i) % 2), "faults-f-" + sender + "-" + i);
                }
            }));
        }
        join(threads);
        assertTrue(failures.isEmpty(), "senders failed: " + failures);
        assertTrue(stack.awaitKpiCaughtUp("", CATCH_UP), "the two kpi-service instances did not catch up");
        Counts c = pingCounts(pings, "faults-f-");
        figures.add(scenario, "pings", pings.sent().size(), pings.acked().size(), c.inViews, c.lost, c.duplicated,
                (System.nanoTime() - start) / 1e9, "");

        Map<String, Double> storedBy = new LinkedHashMap<>();
        for (String kpi : kpis) {
            storedBy.put(kpi, storedPings(kpi) - consumedBefore.get(kpi));
        }

        List<ViewComparison.Relation> diff;
        try {
            diff = compareWithARebuild("faults_single", "faults-single.");
        } finally {
            // done with: killed rather than stopped gracefully (~20 s for kpi-service); nothing of theirs is checked after
            kill(kpi2);
            stack.stopExtra(kpi2);
            stack.stopExtra(ingest2);
        }
        List<ViewComparison.Relation> unequal = diff.stream().filter(r -> !r.equal()).toList();
        long rows = diff.stream().mapToLong(ViewComparison.Relation::leftRows).sum();
        figures.add(scenario, "two instances vs one", diff.size(), diff.size(), diff.size() - unequal.size(), 0, 0,
                (System.nanoTime() - start) / 1e9, rows + " rows in " + diff.size() + " tables and views compared; pings "
                        + "stored per kpi-service instance: " + storedBy.values() + "; "
                        + (unequal.isEmpty() ? "all equal" : "different: " + unequal));

        assertEquals(senders * perSender, pings.acked().size(), "every ping acknowledged by one ingest or the other: " + pings);
        assertAll(pings, c);
        assertTrue(storedBy.values().stream().allMatch(n -> n > 0),
                "both kpi-service instances stored pings (the partitions are shared): " + storedBy);
        assertTrue(unequal.isEmpty(), "two instances' views differ from one instance's: " + unequal);
        assertInstallationsView();
    }

    /** kpi_pings_consumed_total{outcome="stored"} of one kpi-service instance. */
    private static double storedPings(String kpiUrl) throws InterruptedException {
        Client.Answer metrics = Client.get(kpiUrl + "/q/metrics");
        assertEquals(200, metrics.status(), "metrics of " + kpiUrl);
        return metrics.body().lines()
                .filter(l -> l.startsWith("kpi_pings_consumed_total{") && l.contains("outcome=\"stored\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    record Counts(long inViews, long lost, long duplicated) {
    }

    private static void assertAll(Tally t, Counts c) {
        assertEquals(0, c.lost, t.name() + ": acknowledged but not in the views: " + c + "; " + t);
        assertEquals(0, c.duplicated, t.name() + ": counted twice: " + c + "; " + t);
    }

    /** Pings: each instance id was sent once; acknowledged ones must be in installation_day, each ping stored once. */
    private Counts pingCounts(Tally t, String prefix) throws Exception {
        Map<String, Long> stored = new HashMap<>();
        for (List<String> row : stack.db().rows("SELECT instance_id, count(*) FROM installation_ping WHERE instance_id LIKE "
                + Db.literal(prefix + "%") + " GROUP BY instance_id")) {
            stored.put(row.get(0), Long.parseLong(row.get(1)));
        }
        Set<String> days = new HashSet<>();
        for (List<String> row : stack.db().rows("SELECT instance_id FROM installation_day WHERE instance_id LIKE "
                + Db.literal(prefix + "%"))) {
            days.add(row.get(0));
        }
        long inViews = t.acked().stream().filter(days::contains).count();
        long lost = t.acked().stream().filter(id -> !days.contains(id) || !stored.containsKey(id)).count();
        long duplicated = stored.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
        return new Counts(inViews, lost, duplicated);
    }

    private Counts stripeCounts(Tally t) throws Exception {
        if (t.acked().isEmpty()) {
            return new Counts(0, 0, 0);
        }
        Set<String> stored = new HashSet<>();
        String in = t.acked().stream().map(Db::literal).collect(Collectors.joining(","));
        for (List<String> row : stack.db().rows("SELECT event_id FROM subscription_event WHERE event_id IN (" + in + ")")) {
            stored.add(row.get(0));
        }
        long inViews = t.acked().stream().filter(stored::contains).count();
        return new Counts(inViews, t.acked().size() - inViews, 0);
    }

    private Counts metricCounts(Tally t, String prefix, Set<String> inSnapshot) throws Exception {
        Map<String, Long> stored = new HashMap<>();
        for (List<String> row : stack.db().rows("SELECT name, count(*) FROM snapshot_metric WHERE day = '" + yesterday
                + "' AND name LIKE " + Db.literal(prefix + "%") + " GROUP BY name")) {
            stored.put(row.get(0), Long.parseLong(row.get(1)));
        }
        long inViews = t.acked().stream().filter(stored::containsKey).count();
        long duplicated = stored.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
        return new Counts(inViews, t.acked().size() - inViews, duplicated);
    }

    private Counts snapshotCounts(Tally t) throws Exception {
        Set<String> days = new HashSet<>();
        for (List<String> row : stack.db().rows("SELECT day::text FROM snapshot_day")) {
            days.add(row.get(0));
        }
        long inViews = t.acked().stream().filter(days::contains).count();
        return new Counts(inViews, t.acked().size() - inViews, 0);
    }

    /**
     * Takes the snapshot of {@code day} until it holds every acknowledged metric (snapshot-collector reads its topic
     * on a thread of its own), as the daily schedule would once the day is closed. Returns the names it held.
     */
    private Set<String> finalSnapshot(LocalDate day, Set<String> metrics) throws Exception {
        Tally t = new Tally("final snapshot");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Set<String> missing = new HashSet<>(metrics);
        while (System.nanoTime() < deadline) {
            Client.Answer a = client.snapshot(t, day);
            if (a.ok()) {
                missing.removeIf(m -> a.body().contains("\"" + m + "\""));
                if (missing.isEmpty()) {
                    break;
                }
            }
            Thread.sleep(1000);
        }
        Set<String> held = new HashSet<>(metrics);
        held.removeAll(missing);
        return held;
    }

    /** Today's installations in growth-api's view equal the installations that pinged in the window. */
    private void assertInstallationsView() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long expected = -1;
        long shown = -2;
        while (System.nanoTime() < deadline) {
            expected = stack.db().count("SELECT count(DISTINCT instance_id) FROM installation_day WHERE day > '"
                    + today.minusDays(7) + "' AND NOT is_dev AND driver <> 'stub'");
            shown = stack.db().count("SELECT coalesce(max(installations), 0) FROM read_installations_daily WHERE day = '"
                    + today + "' AND NOT include_dev");
            if (expected == shown) {
                return;
            }
            Thread.sleep(250);
        }
        assertEquals(expected, shown, "read_installations_daily today vs installations that pinged");
    }

    /**
     * A kpi-service of its own (consumer groups {@code groupPrefix}…) rebuilds every topic from the start into database
     * {@code database}; once it has caught up, every table and view is compared with the stack's, row for row.
     */
    private List<ViewComparison.Relation> compareWithARebuild(String database, String groupPrefix) throws Exception {
        ServiceProcess rebuild = stack.startRebuildKpi(database, groupPrefix);
        try {
            assertTrue(stack.awaitKpiCaughtUp(groupPrefix, CATCH_UP), "the rebuild into " + database + " did not catch up");
            return awaitEqualViews(stack.db(), stack.db().withName(database), Duration.ofSeconds(90));
        } finally {
            // compared (or failed): the rebuild is of no further use, killed rather than stopped gracefully (~20 s)
            kill(rebuild);
            stack.stopExtra(rebuild);
        }
    }

    /** kill -9 of a service whose work is done and checked; returns once the process is gone. */
    private static void kill(ServiceProcess service) {
        service.handle().descendants().forEach(ProcessHandle::destroyForcibly);
        service.handle().destroyForcibly();
        service.handle().onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }

    private List<ViewComparison.Relation> awaitEqualViews(Db left, Db right, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ViewComparison.Relation> result;
        while (true) {
            result = ViewComparison.compare(left, right);
            if (result.stream().allMatch(ViewComparison.Relation::equal) || System.nanoTime() > deadline) {
                return result;
            }
            Thread.sleep(500);
        }
    }

    /** MRR per day and product, and movements per day and customer, of two currencies, as comparable lines. */
    private List<String> revenueRows(String first, String second, String prefix, Map<String, String> rename)
            throws Exception {
        List<String> rows = new ArrayList<>();
        for (List<String> r : stack.db().rows("SELECT day::text, currency, product_id, mrr_cents::text, subscriptions "
                + "FROM mrr_daily WHERE currency IN ('" + first + "','" + second + "') ORDER BY 1, 2, 3")) {
            rows.add("mrr " + r.get(0) + " " + rename.getOrDefault(r.get(1), r.get(1)) + " " + r.get(2) + " "
                    + new java.math.BigDecimal(r.get(3)).stripTrailingZeros().toPlainString() + " " + r.get(4));
        }
        for (List<String> r : stack.db().rows("SELECT day::text, currency, customer_id, type, delta_cents::text "
                + "FROM mrr_movement WHERE currency IN ('" + first + "','" + second + "') ORDER BY 1, 2, 3, 4")) {
            rows.add("movement " + r.get(0) + " " + rename.getOrDefault(r.get(1), r.get(1)) + " "
                    + r.get(2).replace("cus_" + prefix, "cus_") + " " + r.get(3) + " "
                    + new java.math.BigDecimal(r.get(4)).stripTrailingZeros().toPlainString());
        }
        Collections.sort(rows);
        return rows;
    }

    private static List<String> symmetricDifference(List<String> a, List<String> b) {
        Map<String, Integer> counts = new HashMap<>();
        a.forEach(x -> counts.merge(x, 1, Integer::sum));
        b.forEach(x -> counts.merge(x, -1, Integer::sum));
        List<String> out = new ArrayList<>();
        counts.forEach((k, v) -> {
            if (v != 0) {
                out.add((v > 0 ? "in order only: " : "shuffled only: ") + k);
            }
        });
        Collections.sort(out);
        return out;
    }

    private List<String> kpiTopics() {
        return stack.kpiChannels().stream().map(FaultStack.Channel::topic).distinct().toList();
    }

    /** Whether every kpi-service group (with {@code prefix}) committed at least {@code ends} of its topic. */
    private boolean awaitCommitted(String prefix, Map<TopicPartition, Long> ends, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (FaultStack.Channel c : stack.kpiChannels()) {
                Map<TopicPartition, Long> mine = new HashMap<>();
                ends.forEach((tp, o) -> {
                    if (tp.topic().equals(c.topic())) {
                        mine.put(tp, o);
                    }
                });
                try {
                    if (!stack.kafka().committedAtLeast(prefix + c.group(), mine)) {
                        all = false;
                        break;
                    }
                } catch (Exception e) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
            Thread.sleep(300);
        }
        return false;
    }

    private static Client.Answer awaitOk(String url, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Client.Answer a = Client.get(url);
        while (a.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            a = Client.get(url);
        }
        return a;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Thread stream(String name, List<Throwable> failures, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                failures.add(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(120));
        }
    }
}
