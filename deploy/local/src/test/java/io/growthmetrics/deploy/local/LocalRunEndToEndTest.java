package io.growthmetrics.deploy.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The README's first command, end to end: {@code deploy/local/run --no-demo --fresh} on shifted ports and its own data
 * folder, one real ping through telemetry-ingest, Kafka and kpi-service until growth-api counts it, then SIGTERM:
 * the launcher must exit promptly, leaving no process behind and every port free.
 * Needs the services packaged (their quarkus-app folders); the reactor builds them before this module.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class LocalRunEndToEndTest {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration COUNTED_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

    private final Path module = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    private final Path repo = module.resolve("../..").normalize();

    @Test
    void startsTheStackCountsAPingAndStopsCleanlyOnSigterm() throws Exception {
        List<String> notBuilt = ServiceSpec.ALL.stream().filter(s -> !Files.isRegularFile(s.runJar(repo)))
                .map(ServiceSpec::name).toList();
        assumeTrue(notBuilt.isEmpty(), "services not packaged yet: " + notBuilt);

        int offset = freePortOffset();
        Path dataDir = module.resolve("target/e2e-data");
        ProcessBuilder builder = new ProcessBuilder(repo.resolve("deploy/local/run").toString(), "--no-demo", "--fresh",
                "--port-offset", Integer.toString(offset), "--data-dir", dataDir.toString())
                .directory(module.toFile())
                .redirectErrorStream(true);
        builder.environment().put("LOCAL_RUN_SKIP_BUILD", "1");
        Process launcher = builder.start();
        Output output = new Output(launcher.getInputStream());

        List<String> exposed = List.of();
        OptionalLong counted = OptionalLong.empty();
        int pingStatus = -1;
        String pingBody = "";
        List<ProcessHandle> children = new ArrayList<>();
        try {
            if (!output.awaitReady(launcher, READY_TIMEOUT)) {
                fail("deploy/local/run did not print '" + LocalLauncher.READY_LINE + "' within " + READY_TIMEOUT
                        + (launcher.isAlive() ? "" : " (it exited with " + launcher.exitValue() + ")")
                        + "; its output:\n" + output.text());
            }
            children.addAll(launcher.descendants().toList());
            exposed = Listeners.beyondLoopback(allPorts(offset));

            String ping = resource("pings/current-docker-ce.json");
            Http.Response response = Http.post(ServiceSpec.TELEMETRY_INGEST.baseUrl(offset) + "/ping",
                    Map.of("Content-Type", "application/json"), HttpRequest.BodyPublishers.ofString(ping),
                    Duration.ofSeconds(15));
            pingStatus = response.status();
            pingBody = response.body();

            GrowthApi api = new GrowthApi(ServiceSpec.GROWTH_API.baseUrl(offset));
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            long deadline = System.nanoTime() + COUNTED_TIMEOUT.toNanos();
            while (pingStatus == 200 && System.nanoTime() < deadline) {
                counted = api.installationsOn(today);
                if (counted.isPresent() && counted.getAsLong() == 1) {
                    break;
                }
                Thread.sleep(1000);
            }
        } finally {
            children.addAll(launcher.descendants().toList());
            launcher.destroy();   // SIGTERM
        }

        boolean exited = launcher.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            children.forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        List<ProcessHandle> leftBehind = awaitGone(children, Duration.ofSeconds(10));
        leftBehind.forEach(ProcessHandle::destroyForcibly);

        assertEquals(List.of(), exposed, "listening beyond 127.0.0.1 although no --bind-address was given");
        assertTrue(output.text().contains("listen on 127.0.0.1 only"), "the summary names the bind address:\n"
                + output.text());
        assertEquals(200, pingStatus, "POST /ping: " + pingBody + "\n" + output.text());
        assertTrue(pingBody.contains("\"success\""), pingBody);
        assertEquals(OptionalLong.of(1), counted,
                "growth-api's installations for today after one ping; launcher output:\n" + output.text());
        assertTrue(exited, "the launcher did not exit within " + EXIT_TIMEOUT + " of SIGTERM:\n" + output.text());
        assertEquals(0, launcher.exitValue(), "exit code after SIGTERM:\n" + output.text());
        assertTrue(leftBehind.isEmpty(), "processes left running: " + leftBehind.stream()
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList());
        assertEquals(List.of(), busyPorts(offset), "ports still in use after the launcher exited");
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
        return ports;
    }

    private static List<Integer> busyPorts(int offset) {
        List<Integer> ports = allPorts(offset);
        List<Integer> busy = new ArrayList<>();
        for (int port : ports) {
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
        try (InputStream in = LocalRunEndToEndTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The launcher's output: echoed to the test log, kept for failure messages, watched for the ready line. */
    private static final class Output {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final CountDownLatch ready = new CountDownLatch(1);

        Output(InputStream stream) {
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
                    Thread.sleep(200);   // let the reader take the last lines
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
