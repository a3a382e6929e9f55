package io.growthmetrics.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.testing.Gen;
import io.growthmetrics.contracts.testing.HostileInput;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Thousands of generated hostile ping bodies and CSV imports against the running service and a real broker (seeded:
 * {@code -Dhostile.seed}, {@code -Dhostile.tries}). Every hostile ping is answered 4xx with the collector's error
 * shape, never 5xx; after every batch a good ping with a fresh instanceId is answered 200 and is found on the topic.
 * Every hostile import is answered 2xx listing its bad rows (the good ones around them imported and on the topic) or
 * 4xx, never 5xx.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class HostileInputTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "Bearer test-admin-token";
    /** A good ping is checked after every BATCH hostile ones. */
    static final int BATCH = 50;

    /** Content types right, wrong and malformed: the collector judges the body alone. */
    static final List<String> CONTENT_TYPES;

    static {
        List<String> types = new ArrayList<>(HostileInput.CONTENT_TYPES);
        types.addAll(List.of("application/json; charset=nonsense", "*/*", "text/csv", "application/json;;",
                "APPLICATION/JSON"));
        CONTENT_TYPES = List.copyOf(types);
    }

    @TestHTTPResource("/ping")
    URI pingUri;

    @TestHTTPResource("/")
    URI rootUri;

    @TestHTTPResource("/admin/import/pings")
    URI importUri;

    static HttpClient http;
    static KafkaConsumer<String, String> topic;

    @BeforeAll
    static void openTopic() {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        topic = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    }

    @AfterAll
    static void closeTopic() {
        if (topic != null) {
            topic.close(Duration.ofSeconds(2));
        }
    }

    /**
     * A realistic ping: every object of the envelope, strings, counts and flags. Only known fields (their types are
     * judged); extras, whose values may be anything storable, get hostile content through new keys.
     */
    static Map<String, Object> template(String instanceId) {
        Map<String, Object> os = new LinkedHashMap<>();
        os.put("type", "Linux");
        os.put("release", "6.8.0-45-generic");
        os.put("arch", "x64");
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("nodejs", "v20.17.0");
        env.put("flowforge", "2.10.0");
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("users", 12);
        counts.put("teams", 3);
        counts.put("projects", 7);
        counts.put("devices", 40);
        Map<String, Object> broker = new LinkedHashMap<>();
        broker.put("enabled", true);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("driver", "docker");
        config.put("broker", broker);
        Map<String, Object> license = new LinkedHashMap<>();
        license.put("id", "lic-123");
        license.put("type", "EE");
        Map<String, Object> platform = new LinkedHashMap<>();
        platform.put("counts", counts);
        platform.put("config", config);
        platform.put("license", license);
        Map<String, Object> ping = new LinkedHashMap<>();
        ping.put("instanceId", instanceId);
        ping.put("os", os);
        ping.put("env", env);
        ping.put("platform", platform);
        return ping;
    }

    @Test
    void hostilePingsGet4xxAndGoodPingsAfterThemAreStored() throws Exception {
        Gen gen = Gen.fromSystemProperties();
        int tries = Gen.tries(10_000);
        HostileInput hostile = new HostileInput(gen, template("hostile-template"), new HostileInput.Bounds(16, 8192, 256,
                1000, 65536)).required("instanceId").contentTypes(CONTENT_TYPES);
        watchTopicFromNow();
        Map<HostileInput.Kind, Integer> kinds = new EnumMap<>(HostileInput.Kind.class);
        Map<Integer, Integer> statuses = new TreeMap<>();
        int goodChecks = 0;
        long start = System.nanoTime();
        for (int i = 0; i < tries; i++) {
            HostileInput.Case c = hostile.next();
            kinds.merge(c.kind(), 1, Integer::sum);
            URI target = gen.chance(0.9) ? pingUri : rootUri;
            HttpResponse<byte[]> reply = post(target, c.contentType(), c.body());
            statuses.merge(reply.statusCode(), 1, Integer::sum);
            String where = c + " at " + target.getPath() + ", " + gen.where(i);
            expectCollectorError(reply, where);
            if ((i + 1) % BATCH == 0 || i == tries - 1) {
                goodPingIsStored(where);
                goodChecks++;
            }
        }
        System.out.printf("HostileInputTest: %d hostile pings (%s), replies %s, %d good pings after them stored; "
                + "%d s; seed %d%n", tries, kinds, statuses, goodChecks, (System.nanoTime() - start) / 1_000_000_000L,
                gen.seedValue());
        assertTrue(goodChecks >= Math.min(100, tries / BATCH), "good pings checked: " + goodChecks);
    }

    /** A 4xx (400, 413) with {"status":"error","error":"…"}; never 5xx. */
    private static void expectCollectorError(HttpResponse<byte[]> reply, String where) {
        int status = reply.statusCode();
        if (status < 400 || status >= 500) {
            fail("expected a 4xx, got " + status + " " + new String(reply.body(), StandardCharsets.UTF_8) + " for " + where);
        }
        JsonNode body;
        try {
            body = JSON.readTree(reply.body());
        } catch (Exception e) {
            throw new AssertionError("reply is not JSON for " + where + ": "
                    + new String(reply.body(), StandardCharsets.UTF_8), e);
        }
        assertEquals("error", body.path("status").asText(), () -> "status for " + where + ": " + body);
        String error = body.path("error").asText();
        assertFalse(error.isBlank(), () -> "an error message for " + where);
        assertTrue(error.length() <= 520, () -> "a short message for " + where);
    }

    private void goodPingIsStored(String after) throws Exception {
        String instanceId = "good-" + UUID.randomUUID();
        HttpResponse<byte[]> reply = post(pingUri, "application/json", HostileInput.write(template(instanceId)));
        assertEquals(200, reply.statusCode(), () -> "a good ping after " + after + ": "
                + new String(reply.body(), StandardCharsets.UTF_8));
        assertEquals("{\"status\":\"success\"}", new String(reply.body(), StandardCharsets.UTF_8));
        Set<String> missing = awaitOnTopic(Set.of(instanceId), Duration.ofSeconds(30));
        assertTrue(missing.isEmpty(), () -> "a good ping after " + after + " is on the topic");
    }

    // ---- CSV imports ----

    static final String HEADER = "created_at,instanceId,ip,os.type,env.flowforge,platform.counts.projects,"
            + "platform.config.broker.enabled,extra.note";
    static final DateTimeFormatter PG = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    enum BadRow {
        NUL_IN_CELL, INVALID_UTF8, OVERLONG_LINE, DATE_9999, DATE_2019, NOT_A_DATE, EMPTY_DATE, NEGATIVE_COUNT,
        HUGE_COUNT, TEXT_COUNT, BAD_BOOLEAN, TOO_FEW_FIELDS, TOO_MANY_FIELDS, LONG_INSTANCE_ID, LONG_EXTRA, EMPTY_INSTANCE_ID,
        LONG_OS_TYPE
    }

    @Test
    void hostileImportsListTheirBadRowsAndImportTheGoodOnes() throws Exception {
        Gen gen = new Gen(Gen.seed() + 1);
        int imports = Math.max(300, Gen.tries(10_000) / 30);
        watchTopicFromNow();
        Set<String> goodIds = new HashSet<>();
        Map<BadRow, Integer> badKinds = new EnumMap<>(BadRow.class);
        Map<Integer, Integer> statuses = new TreeMap<>();
        int wholeFileCases = 0;
        long start = System.nanoTime();
        for (int i = 0; i < imports; i++) {
            String where = gen.where(i);
            if (gen.chance(0.1)) {
                wholeFileCases++;
                HttpResponse<byte[]> reply = post(importUri, "text/csv", hostileFile(gen));
                statuses.merge(reply.statusCode(), 1, Integer::sum);
                int status = reply.statusCode();
                assertTrue(status >= 200 && status < 500, () -> "2xx or 4xx for a hostile file, got " + status + " "
                        + new String(reply.body(), StandardCharsets.UTF_8) + ", " + where);
                continue;
            }
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            csv.writeBytes((HEADER + "\n").getBytes(StandardCharsets.UTF_8));
            int rows = gen.between(2, 12);
            List<Long> badLines = new ArrayList<>();
            List<String> goodHere = new ArrayList<>();
            boolean unterminatedQuoteAtEnd = gen.chance(0.05);
            for (int r = 0; r < rows; r++) {
                long line = r + 2;
                if (gen.chance(0.45)) {
                    BadRow kind = gen.pick(BadRow.values());
                    badKinds.merge(kind, 1, Integer::sum);
                    csv.writeBytes(badRow(gen, kind));
                    badLines.add(line);
                } else {
                    String id = "csv-" + UUID.randomUUID();
                    goodHere.add(id);
                    csv.writeBytes(goodRow(gen, id).getBytes(StandardCharsets.UTF_8));
                }
            }
            if (unterminatedQuoteAtEnd) {
                csv.writeBytes((PG.format(Instant.now()) + ",\"unterminated,10.0.0.1,Linux,2.1.0,1,t,x\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            HttpResponse<byte[]> reply = post(importUri, "text/csv", csv.toByteArray());
            statuses.merge(reply.statusCode(), 1, Integer::sum);
            String body = new String(reply.body(), StandardCharsets.UTF_8);
            assertEquals(200, reply.statusCode(), () -> "import answered " + reply.statusCode() + " " + body + ", " + where);
            JsonNode report = JSON.readTree(reply.body());
            assertEquals(goodHere.size(), report.path("imported").asInt(), () -> "good rows imported: " + body + ", " + where);
            assertEquals(badLines.size() + (unterminatedQuoteAtEnd ? 1 : 0), report.path("rejected").asInt(),
                    () -> "bad rows rejected, at lines " + badLines + ": " + body + ", " + where);
            List<Long> listed = new ArrayList<>();
            report.path("rejections").forEach(rej -> {
                listed.add(rej.path("line").asLong());
                assertFalse(rej.path("reason").asText().isBlank(), () -> "a reason: " + body);
            });
            if (unterminatedQuoteAtEnd) {
                assertEquals(-1L, listed.remove(listed.size() - 1), () -> "the broken end is listed last: " + body);
                assertFalse(report.path("complete").asBoolean(), () -> "complete false: " + body + ", " + where);
            } else {
                assertTrue(report.path("complete").asBoolean(), () -> "complete: " + body + ", " + where);
            }
            assertEquals(badLines, listed, () -> "rejections listed by line: " + body + ", " + where);
            goodIds.addAll(goodHere);
        }
        Set<String> missing = awaitOnTopic(goodIds, Duration.ofSeconds(60));
        assertTrue(missing.isEmpty(), () -> missing.size() + " imported good rows not on the topic, e.g. "
                + missing.iterator().next());
        System.out.printf("HostileInputTest: %d hostile imports (%d whole hostile files, bad rows %s), replies %s, "
                + "%d good rows after bad ones on the topic; %d s%n", imports, wholeFileCases, badKinds, statuses,
                goodIds.size(), (System.nanoTime() - start) / 1_000_000_000L);
    }

    private static String goodRow(Gen gen, String id) {
        Instant at = Instant.now().minusSeconds(gen.between(0, 86_400 * 300));
        return PG.format(at) + "," + id + ",10.0." + gen.between(0, 255) + "." + gen.between(0, 255) + ","
                + gen.pick("Linux", "Darwin", "Windows_NT", "") + ",2." + gen.between(0, 40) + ".0," + gen.between(0, 500)
                + "," + gen.pick("t", "f", "") + "," + gen.pick("\"a, quoted \"\"note\"\"\"", "é中😀", "", "plain") + "\n";
    }

    private static byte[] badRow(Gen gen, BadRow kind) {
        String now = PG.format(Instant.now().minusSeconds(60));
        String id = "bad-" + UUID.randomUUID();
        String row = switch (kind) {
            case NUL_IN_CELL -> now + "," + id + ",10.0.0.1,Li\u0000nux,2.1.0,1,t,x";
            case INVALID_UTF8 -> null;
            case OVERLONG_LINE -> now + "," + id + ",10.0.0.1,Linux,2.1.0,1,t," + "x".repeat(65_536 + gen.between(1, 5000));
            case DATE_9999 -> "9999-12-31 00:00:00," + id + ",10.0.0.1,Linux,2.1.0,1,t,x";
            case DATE_2019 -> "2019-06-01 12:00:00," + id + ",10.0.0.1,Linux,2.1.0,1,t,x";
            case NOT_A_DATE -> gen.pick("yesterday", "2024-13-45 99:99:99", "+999999999999-01-01 00:00:00", "0")
                    + "," + id + ",10.0.0.1,Linux,2.1.0,1,t,x";
            case EMPTY_DATE -> "," + id + ",10.0.0.1,Linux,2.1.0,1,t,x";
            case NEGATIVE_COUNT -> now + "," + id + ",10.0.0.1,Linux,2.1.0,-1,t,x";
            case HUGE_COUNT -> now + "," + id + ",10.0.0.1,Linux,2.1.0," + gen.pick("99999999999", "1e200000",
                    "9".repeat(400)) + ",t,x";
            case TEXT_COUNT -> now + "," + id + ",10.0.0.1,Linux,2.1.0,three,t,x";
            case BAD_BOOLEAN -> now + "," + id + ",10.0.0.1,Linux,2.1.0,1,yes,x";
            case TOO_FEW_FIELDS -> now + "," + id + ",10.0.0.1";
            case TOO_MANY_FIELDS -> now + "," + id + ",10.0.0.1,Linux,2.1.0,1,t,x,surplus";
            case LONG_INSTANCE_ID -> now + "," + "i".repeat(257) + ",10.0.0.1,Linux,2.1.0,1,t,x";
            case LONG_EXTRA -> now + "," + id + ",10.0.0.1,Linux,2.1.0,1,t," + "n".repeat(8193 + gen.between(0, 1000));
            case EMPTY_INSTANCE_ID -> now + ",,10.0.0.1,Linux,2.1.0,1,t,x";
            case LONG_OS_TYPE -> now + "," + id + ",10.0.0.1," + "L".repeat(33) + ",2.1.0,1,t,x";
        };
        if (kind == BadRow.INVALID_UTF8) {
            return Gen.concat(now + "," + id + ",10.0.0.1,Li", gen.invalidUtf8(), "nux,2.1.0,1,t,x\n");
        }
        return (row + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Whole files that are not a pings export: 2xx (nothing to import, or rows rejected) or 4xx, never 5xx. */
    private static byte[] hostileFile(Gen gen) {
        return switch (gen.between(0, 7)) {
            case 0 -> new byte[0];
            case 1 -> Gen.utf8("\n\n\n");
            case 2 -> Gen.utf8("instanceId,ip\na,b\n");
            case 3 -> Gen.concat("created_at,instanceId\n", gen.invalidUtf8(), "\n");
            case 4 -> Gen.utf8("created_at,instanceId,instanceId\n2024-01-01 00:00:00,a,b\n");
            case 5 -> Gen.concat(Gen.utf8("created_at,instanceId,"), gen.invalidUtf8(), "\n");
            case 6 -> Gen.utf8("created_at,\"instanceId\n");
            default -> Gen.utf8("created_at,instanceId," + "h".repeat(70_000) + "\n");
        };
    }

    // ---- plumbing ----

    private HttpResponse<byte[]> post(URI uri, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null && !contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        if (uri.getPath().startsWith("/admin")) {
            request.header("Authorization", TOKEN);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Reads the pings topic from its current end on (all partitions assigned, no consumer group). */
    private static void watchTopicFromNow() {
        List<TopicPartition> partitions = new ArrayList<>();
        topic.partitionsFor(Topics.TELEMETRY_PINGS_V1, Duration.ofSeconds(30))
                .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        topic.assign(partitions);
        topic.seekToEnd(partitions);
        partitions.forEach(p -> topic.position(p, Duration.ofSeconds(30)));
    }

    /** The keys of {@code wanted} not seen on the topic within {@code timeout}. */
    private static Set<String> awaitOnTopic(Set<String> wanted, Duration timeout) {
        Set<String> missing = new HashSet<>(wanted);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            topic.poll(Duration.ofMillis(100)).forEach(r -> missing.remove(r.key()));
        }
        return missing;
    }
}
