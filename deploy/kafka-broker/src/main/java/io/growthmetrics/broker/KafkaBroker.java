package io.growthmetrics.broker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Apache Kafka broker (KRaft: broker and controller in one process), run as a child JVM
 * from the jars this module copies into {@code target/kafka-libs}. Used by the tests of every service and
 * by the local launcher; no Docker needed.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String READY_LINE = "Kafka Server started";

    private final Process process;
    private final int port;
    private final Path logFile;
    private volatile boolean frozen;

    private KafkaBroker(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /** Starts a broker on the given client port (0 = any free port), keeping its data in {@code dataDir}. */
    public static KafkaBroker start(Path dataDir, int port, Duration timeout) {
        try {
            Files.createDirectories(dataDir);
            int clientPort = port == 0 ? freePort() : port;
            int controllerPort = freePort();
            Path config = writeConfig(dataDir, clientPort, controllerPort);
            Path libs = libsDir();
            String classpath = libs.resolve("*").toString();
            Path logFile = dataDir.resolve("broker.log");

            run(List.of(java(), "-Xmx256m", "-cp", classpath, "kafka.tools.StorageTool", "format",
                    "--ignore-formatted", "-t", clusterId(dataDir), "-c", config.toString()), logFile, timeout);

            List<String> command = new ArrayList<>(List.of(java(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                    "-Dlog4j2.level=warn", "-cp", classpath, "kafka.Kafka", config.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            KafkaBroker broker = new KafkaBroker(process, clientPort, logFile);
            broker.awaitReady(timeout);
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Freezes the broker (SIGSTOP): its sockets stay open but nothing answers, as with a hung machine or a long GC
     * pause, unlike {@link #close()} whose refused connections clients notice at once.
     */
    public void freeze() {
        signal("STOP");
        frozen = true;
    }

    /** Lets a {@link #freeze() frozen} broker run on (SIGCONT). */
    public void thaw() {
        signal("CONT");
        frozen = false;
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not signal the Kafka broker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signalling the Kafka broker", e);
        }
    }

    /** Stops the broker: a clean shutdown first, then a kill if it takes too long. */
    @Override
    public void close() {
        if (frozen && process.isAlive()) {
            thaw();
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Duration timeout) throws IOException {
        CountDownLatch ready = new CountDownLatch(1);
        Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Thread pump = new Thread(() -> pumpOutput(process.getInputStream(), log, ready), "kafka-broker-log");
        pump.setDaemon(true);
        pump.start();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!ready.await(100, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The Kafka broker exited with code " + process.exitValue()
                            + " before it was ready; see " + logFile);
                }
                if (System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("The Kafka broker was not ready within " + timeout + "; see " + logFile);
                }
            }
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
        }
    }

    private static void pumpOutput(InputStream output, Writer log, CountDownLatch ready) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.write(line);
                log.write('\n');
                log.flush();
                if (line.contains(READY_LINE)) {
                    ready.countDown();
                }
            }
        } catch (IOException ignored) {
            // the broker went away; isAlive() reports it
        } finally {
            try {
                log.close();
            } catch (IOException ignored) {
                // nothing more to write
            }
        }
    }

    private static Path writeConfig(Path dataDir, int clientPort, int controllerPort) throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", dataDir.resolve("logs").toAbsolutePath().toString());
        p.setProperty("num.partitions", "6");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "3");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // The topics are the system of record (views are rebuilt by replaying them): keep every record.
        p.setProperty("log.retention.ms", "-1");
        Path config = dataDir.resolve("server.properties");
        try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(w, "single-node KRaft broker");
        }
        return config;
    }

    /** The cluster id is kept beside the data, so a restarted broker finds its formatted log dirs valid. */
    private static String clusterId(Path dataDir) throws IOException {
        Path idFile = dataDir.resolve("cluster.id");
        if (Files.exists(idFile)) {
            return Files.readString(idFile).trim();
        }
        // Like Kafka's Uuid.randomUuid(): an id starting with '-' would be read as an option by the storage tool.
        String id;
        do {
            byte[] bytes = new byte[16];
            new SecureRandom().nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        Files.writeString(idFile, id);
        return id;
    }

    private static void run(List<String> command, Path logFile, Duration timeout) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("Formatting the Kafka log dirs failed; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting the Kafka log dirs", e);
        }
    }

    /** The folder of broker jars: {@code -Dkafka.broker.libs} or {@code KAFKA_BROKER_LIBS}, else this build's copy. */
    public static Path libsDir() {
        String configured = System.getProperty("kafka.broker.libs", System.getenv("KAFKA_BROKER_LIBS"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Properties p = new Properties();
        try (InputStream in = KafkaBroker.class.getResourceAsStream("/kafka-broker.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("kafka-broker.properties is missing from the launcher jar", e);
        }
        Path libs = Path.of(p.getProperty("libs.dir"));
        if (!Files.isDirectory(libs)) {
            throw new IllegalStateException("No Kafka broker jars at " + libs + ": build deploy/kafka-broker first");
        }
        return libs;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
