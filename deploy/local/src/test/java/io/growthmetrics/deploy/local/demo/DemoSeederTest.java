package io.growthmetrics.deploy.local.demo;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seeder against a stand-in for telemetry-ingest's import endpoint. */
class DemoSeederTest {

    private static final String TOKEN = "test-token";

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(DemoSeeder.IMPORT_PATH, exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            long rows = PingCsv.records(body).size() - 1;
            String reply = status == 200
                    ? "{\"imported\": " + (rows - 1) + ", \"rejected\": 1, \"rejections\": [{\"line\": 3, \"reason\": \"test\"}]}"
                    : "{\"status\":\"error\"}";
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void writesTheCsvAndPostsItInChunksEachWithTheHeader(@TempDir Path dir) throws Exception {
        DemoPings demo = new DemoPings(DemoPings.DEFAULT_SEED, 10, Instant.parse("2026-11-23T18:00:00Z"));
        DemoSeeder seeder = new DemoSeeder(baseUrl(), TOKEN, dir, 500);

        DemoSeeder.Result result = seeder.seed(demo);

        Path csv = dir.resolve("pings.csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(PingCsv.header(), lines.get(0));
        assertEquals(result.rows(), lines.size() - 1);
        assertEquals(Files.size(csv), result.csvBytes());
        assertTrue(result.rows() > 1000, "rows: " + result.rows());
        assertTrue(result.importAvailable());

        int chunks = (int) ((result.rows() + 499) / 500);
        assertEquals(chunks, bodies.size());
        long postedRows = 0;
        for (String body : bodies) {
            assertTrue(body.startsWith(PingCsv.header() + "\n"));
            postedRows += PingCsv.records(body).size() - 1;
        }
        assertEquals(result.rows(), postedRows);
        assertEquals(result.rows() - chunks, result.imported());
        assertEquals(chunks, result.rejected());
        assertTrue(authorizations.stream().allMatch(("Bearer " + TOKEN)::equals));
        assertTrue(contentTypes.stream().allMatch(t -> t.startsWith("text/csv")));
        assertTrue(result.installationsFirstDay() > 100 && result.installationsLastDay() > 50, result.toString());
    }

    @Test
    void anIngestWithoutTheImportIsReportedNotFatal(@TempDir Path dir) throws Exception {
        status = 404;
        DemoSeeder.Result result = new DemoSeeder(baseUrl(), TOKEN, dir, 500)
                .seed(new DemoPings(1, 3, Instant.parse("2026-11-23T18:00:00Z")));
        assertFalse(result.importAvailable());
        assertEquals(1, bodies.size());
        assertEquals(0, result.imported());
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
