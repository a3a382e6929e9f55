package io.growthmetrics.bench.http;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load generator against a stand-in server: what it counts, never how fast anything is. */
class LoadTest {

    private HttpServer server;
    private int port;
    private final AtomicInteger requests = new AtomicInteger();
    private final Set<String> bodies = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/ping", exchange -> {
            requests.incrementAndGet();
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] reply = "{\"status\":\"success\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0); // 0: chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("[1,".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("2,3]".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/refused", exchange -> {
            byte[] reply = "{\"status\":\"error\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Load.Source pings(String path) {
        return new Load.Source() {
            @Override
            public Load.Request request(long slot) {
                return new Load.Request(HttpConnection.post("127.0.0.1", port, path,
                        ("{\"instanceId\":\"" + slot + "\"}").getBytes(StandardCharsets.UTF_8)), slot, 0);
            }

            @Override
            public boolean completed(Load.Request request, HttpConnection.Response response, long done, long micros) {
                return response.status() == 200 && response.text().contains("success");
            }
        };
    }

    @Test
    void anOpenLoopSendsEachScheduledRequestOnceOverKeptAliveConnections() throws Exception {
        Load.Result r = Load.openLoop("127.0.0.1", port, 4, 200, Duration.ofSeconds(1), Duration.ofSeconds(30), pings("/ping"));
        assertEquals(200, r.sent, "one request per slot of the schedule");
        assertEquals(200, r.ok);
        assertEquals(0, r.errors());
        assertEquals(0, r.notSent);
        assertEquals(200, requests.get());
        assertEquals(200, bodies.size(), "every slot its own body");
        assertEquals(200, r.corrected.getTotalCount());
        assertEquals(200, r.uncorrected.getTotalCount());
        assertTrue(r.corrected.getMaxValue() >= r.uncorrected.getMinValue());
    }

    @Test
    void aClosedLoopCountsWhatItSentAndRefusalsAreErrors() throws Exception {
        Load.Result ok = Load.closedLoop("127.0.0.1", port, 3, Duration.ofMillis(300), pings("/ping"));
        assertTrue(ok.sent > 0);
        assertEquals(ok.sent, ok.ok);
        assertEquals(ok.sent, requests.get());
        Load.Result refused = Load.closedLoop("127.0.0.1", port, 2, Duration.ofMillis(200), pings("/refused"));
        assertTrue(refused.sent > 0);
        assertEquals(0, refused.ok);
        assertEquals(refused.sent, refused.failures.get("HTTP 503"));
    }

    @Test
    void aSourceWithNothingMoreToSendEndsTheLoop() throws Exception {
        AtomicInteger left = new AtomicInteger(25);
        Load.Source source = pings("/ping");
        Load.Result r = Load.closedLoop("127.0.0.1", port, 4, Duration.ofMinutes(5), new Load.Source() {
            @Override
            public Load.Request request(long slot) {
                return left.getAndDecrement() > 0 ? source.request(slot) : null;
            }

            @Override
            public boolean completed(Load.Request request, HttpConnection.Response response, long done, long micros) {
                return source.completed(request, response, done, micros);
            }
        });
        assertEquals(25, r.sent);
        assertEquals(25, r.ok);
    }

    @Test
    void readsChunkedBodiesAndFailsFastOnAClosedPort() throws Exception {
        try (HttpConnection c = new HttpConnection("127.0.0.1", port, 5000)) {
            HttpConnection.Response r = c.exchange(HttpConnection.get("127.0.0.1", port, "/chunked"));
            assertEquals(200, r.status());
            assertEquals("[1,2,3]", r.text());
            assertEquals(200, c.exchange(HttpConnection.post("127.0.0.1", port, "/ping", "{}".getBytes())).status());
        }
        server.stop(0);
        try (HttpConnection c = new HttpConnection("127.0.0.1", port, 2000)) {
            assertThrows(IOException.class, () -> c.exchange(HttpConnection.get("127.0.0.1", port, "/chunked")));
        }
    }
}
