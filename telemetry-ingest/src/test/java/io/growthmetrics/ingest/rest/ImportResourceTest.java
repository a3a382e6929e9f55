package io.growthmetrics.ingest.rest;

import io.growthmetrics.broker.KafkaBrokerTestResource;
import io.growthmetrics.contracts.Topics;
import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;
import io.growthmetrics.ingest.support.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerTestResource.class)
class ImportResourceTest {

    private static final String TOKEN = "Bearer test-admin-token";

    @TestHTTPResource("/admin/import/pings")
    URI importUri;

    @Test
    void needsTheAdminToken() {
        given().contentType("text/csv").body("created_at,instanceId\n").post("/admin/import/pings")
                .then().statusCode(401).header("WWW-Authenticate", equalTo("Bearer"))
                .body("error", equalTo("Missing 'Authorization: Bearer <METRICS_ADMIN_TOKEN>' header"));
        given().contentType("text/csv").header("Authorization", "Bearer wrong").body("created_at,instanceId\n")
                .post("/admin/import/pings").then().statusCode(401).body("error", equalTo("Invalid admin token"));
    }

    @Test
    void importsARealExportWithOriginalReceiveTimesAndIsIdempotent() throws Exception {
        byte[] csv = resource("/import/collector-export.csv");
        given().contentType("text/csv").header("Authorization", TOKEN).body(csv)
                .post("/admin/import/pings")
                .then().statusCode(200)
                .body("imported", equalTo(5)).body("rejected", equalTo(0)).body("rejections", hasSize(0))
                .body("complete", equalTo(true));

        List<ConsumerRecord<String, String>> first = TopicReader.read(Topics.TELEMETRY_PINGS_V1,
                r -> r.key().startsWith("0f1e2d3c-"), 5, Duration.ofSeconds(20));
        assertEquals(5, first.size());
        TelemetryPingEvent oldest = first.stream().map(TopicReader::event)
                .filter(e -> e.ping().instanceId().endsWith("0001")).findFirst().orElseThrow();
        assertEquals(Instant.parse("2022-03-01T09:15:02.510Z"), oldest.receivedAt());
        assertEquals(TelemetryPingEvent.SOURCE_IMPORT, oldest.source());
        assertEquals("0.2.0", oldest.ping().env().flowforge());
        assertTrue(oldest.senderIpHash().matches("[0-9a-f]{64}"));

        // The same file again: the same event ids, which consumers drop as repeats.
        given().contentType("text/csv").header("Authorization", TOKEN).body(csv)
                .post("/admin/import/pings").then().statusCode(200).body("imported", equalTo(5));
        List<ConsumerRecord<String, String>> both = TopicReader.read(Topics.TELEMETRY_PINGS_V1,
                r -> r.key().startsWith("0f1e2d3c-"), 10, Duration.ofSeconds(20));
        assertEquals(10, both.size());
        Set<String> ids = both.stream().map(r -> TopicReader.event(r).eventId()).collect(Collectors.toSet());
        assertEquals(5, ids.size());
    }

    @Test
    void rejectedRowsAreCountedWithLineAndReasonAndTheRestIsImported() throws Exception {
        given().contentType("text/csv").header("Authorization", TOKEN).body(resource("/import/with-bad-rows.csv"))
                .post("/admin/import/pings")
                .then().statusCode(200)
                .body("imported", equalTo(2)).body("rejected", equalTo(5))
                .body("rejections.line", contains(3, 4, 5, 6, 7))
                .body("rejections[0].reason", equalTo("Missing required property: instanceId"))
                .body("rejections[2].reason", equalTo("column 'platform.counts.projects': 'three' is not a whole number"));
    }

    @Test
    void aFileWithoutTheKeyColumnsIs400AndAWrongContentTypeIs415() {
        given().contentType("text/csv").header("Authorization", TOKEN).body("instanceId,ip\na,b\n")
                .post("/admin/import/pings").then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("The CSV header has no 'created_at' column (the receive time of each ping)"));
        given().contentType(ContentType.JSON).header("Authorization", TOKEN).body("{}")
                .post("/admin/import/pings").then().statusCode(415).body("status", equalTo("error"));
    }

    /** 30,000 rows generated while they are sent, chunked: the import streams them instead of buffering the body. */
    @Test
    void streamsALargeChunkedUpload() throws Exception {
        int rows = 30_000;
        String runId = UUID.randomUUID().toString().substring(0, 8);
        Iterator<InputStream> parts = new Iterator<>() {
            int i = -1;

            @Override
            public boolean hasNext() {
                return i < rows;
            }

            @Override
            public InputStream next() {
                String line = i < 0 ? "created_at,instanceId,ip,env.flowforge,platform.counts.projects\n"
                        : String.format("2026-10-%02d 12:%02d:%02d,%s-%05d,10.1.%d.%d,2.33.%d,%d%n",
                                1 + i % 28, i / 60 % 60, i % 60, runId, i % 500, i % 256, i % 200, i % 3, i % 40);
                i++;
                return new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8));
            }
        };
        InputStream upload = new SequenceInputStream(new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return parts.hasNext();
            }

            @Override
            public InputStream nextElement() {
                return parts.next();
            }
        });
        HttpRequest request = HttpRequest.newBuilder(importUri)
                .header("Content-Type", "text/csv").header("Authorization", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> upload)).build();
        HttpResponse<String> reply = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), reply.body());
        assertTrue(reply.body().startsWith("{\"imported\":30000,\"rejected\":0,"), reply.body());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ImportResourceTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
