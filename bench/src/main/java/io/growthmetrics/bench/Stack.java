package io.growthmetrics.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The system under test: the local stack's five services and broker on 127.0.0.1 with a port offset. Either started
 * by the benchmark ({@code deploy/local/run --no-demo --fresh --port-offset N --data-dir DIR}, stopped at the end
 * with SIGTERM as Ctrl-C would) or one already running ({@code --use-running N}), which is left as it is.
 */
public final class Stack implements AutoCloseable {

    /** What deploy/local/run prints once everything is up (LocalLauncher.READY_LINE). */
    static final String READY_LINE = "Local stack is ready";

    public static final String HOST = "127.0.0.1";
    public static final Map<String, Integer> SERVICE_PORTS = servicePorts();
    static final int KAFKA_PORT = 9092;
    static final int PROMETHEUS_PORT = 9090;

    private final int offset;
    private final Process launcher;
    private final Path dataDir;
    private final Set<Long> paused = new HashSet<>();

    private Stack(int offset, Process launcher, Path dataDir) {
        this.offset = offset;
        this.launcher = launcher;
        this.dataDir = dataDir;
    }

    private static Map<String, Integer> servicePorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("telemetry-ingest", 8081);
        ports.put("kpi-service", 8084);
        ports.put("growth-api", 8080);
        ports.put("snapshot-collector", 8082);
        ports.put("revenue-service", 8083);
        return ports;
    }

    /** A stack someone else runs, on the default ports plus {@code offset}. */
    public static Stack running(int offset) {
        Stack stack = new Stack(offset, null, null);
        List<String> silent = new ArrayList<>();
        for (String service : SERVICE_PORTS.keySet()) {
            if (!stack.listening(stack.port(service))) {
                silent.add(service + " (" + stack.port(service) + ")");
            }
        }
        if (!silent.isEmpty()) {
            throw new IllegalStateException("--use-running " + offset + ": nothing listens for " + String.join(", ", silent));
        }
        return stack;
    }

    /**
     * Starts {@code deploy/local/run} on a free port offset (from {@code preferredOffset} up, in steps of 10) with its
     * own data folder, and waits until it says it is ready.
     */
    public static Stack start(Path repo, Integer requestedOffset, Path dataDir, Duration timeout, Console console)
            throws IOException, InterruptedException {
        int offset = requestedOffset != null ? requestedOffset : freeOffset(600);
        if (!busyPorts(offset).isEmpty()) {
            throw new IllegalStateException("ports in use for --port-offset " + offset + ": " + busyPorts(offset));
        }
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("bench-launcher.log");
        console.info("Starting the local stack: deploy/local/run --no-demo --fresh --port-offset " + offset
                + " --data-dir " + dataDir + " (output in " + log + ")");
        ProcessBuilder builder = new ProcessBuilder(repo.resolve("deploy/local/run").toString(), "--no-demo", "--fresh",
                "--port-offset", Integer.toString(offset), "--data-dir", dataDir.toString())
                .directory(repo.toFile())
                .redirectErrorStream(true);
        builder.environment().put("LOCAL_RUN_SKIP_BUILD", "1");
        builder.environment().remove("QUARKUS_HTTP_HOST");
        builder.environment().remove("LOCAL_BIND_ADDRESS");
        Process process = builder.start();
        CountDownLatch ready = new CountDownLatch(1);
        Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 Writer w = out) {
                String line;
                while ((line = in.readLine()) != null) {
                    w.write(line);
                    w.write('\n');
                    w.flush();
                    if (line.contains(READY_LINE)) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the launcher is gone
            }
        }, "launcher-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.await(500, TimeUnit.MILLISECONDS)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                Stack failed = new Stack(offset, process, dataDir);
                failed.close();
                throw new IllegalStateException("deploy/local/run " + (process.isAlive() ? "was not ready within "
                        + timeout.toSeconds() + " s" : "exited with " + process.exitValue()) + "; the end of " + log
                        + ":\n" + String.join("\n", tail(log, 30)));
            }
        }
        Stack stack = new Stack(offset, process, dataDir);
        console.info("The local stack is ready (port offset " + offset + ")");
        return stack;
    }

    public boolean owned() {
        return launcher != null;
    }

    public int offset() {
        return offset;
    }

    public Path dataDir() {
        return dataDir;
    }

    public int port(String service) {
        Integer base = SERVICE_PORTS.get(service);
        if (base == null) {
            throw new IllegalArgumentException("unknown service " + service);
        }
        return base + offset;
    }

    public String url(String service) {
        return "http://" + HOST + ":" + port(service);
    }

    public int kafkaPort() {
        return KAFKA_PORT + offset;
    }

    public String bootstrapServers() {
        return HOST + ":" + kafkaPort();
    }

    /** The process listening on each service's port (and the broker's), found through /proc; absent when unknown. */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String service : SERVICE_PORTS.keySet()) {
            listenerPid(port(service)).ifPresent(pid -> pids.put(service, pid));
        }
        listenerPid(kafkaPort()).ifPresent(pid -> pids.put("kafka-broker", pid));
        return pids;
    }

    /** SIGSTOP / SIGCONT to one of this stack's processes (only a stack the benchmark started). */
    public synchronized void signal(long pid, String signal) throws IOException, InterruptedException {
        if (!owned()) {
            throw new IllegalStateException("only the benchmark's own stack is paused");
        }
        if (signal.equals("STOP")) {
            paused.add(pid);
        }
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " " + pid + " failed");
        }
        if (signal.equals("CONT")) {
            paused.remove(pid);
        }
    }

    /** Stops the stack the benchmark started (a paused service is resumed first, so that it can stop). */
    @Override
    public synchronized void close() throws InterruptedException {
        if (launcher == null || !launcher.isAlive()) {
            return;
        }
        for (long pid : List.copyOf(paused)) {
            try {
                signal(pid, "CONT");
            } catch (IOException e) {
                // it is killed below if it does not stop
            }
        }
        List<ProcessHandle> children = launcher.descendants().toList();
        launcher.destroy(); // SIGTERM: the launcher stops the services, the broker and Prometheus
        if (!launcher.waitFor(120, TimeUnit.SECONDS)) {
            children.forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline && children.stream().anyMatch(ProcessHandle::isAlive)) {
            Thread.sleep(200);
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freeOffset(int from) {
        for (int offset = from; offset <= 50_000 - 10; offset += 10) {
            if (busyPorts(offset).isEmpty()) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset from " + from);
    }

    static List<Integer> busyPorts(int offset) {
        List<Integer> ports = new ArrayList<>();
        SERVICE_PORTS.values().forEach(p -> ports.add(p + offset));
        ports.add(KAFKA_PORT + offset);
        ports.add(PROMETHEUS_PORT + offset);
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

    /** The pid holding a listening TCP socket on {@code port}: /proc/net/tcp{,6} give the inode, /proc/<pid>/fd the owner. */
    static Optional<Long> listenerPid(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 10 || !f[3].equals("0A")) {
                        continue;
                    }
                    String local = f[1];
                    int p = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
                    if (p == port) {
                        inodes.add(f[9]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux, or no IPv6
            }
        }
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
                    for (Path fd : fds.toList()) {
                        try {
                            String target = Files.readSymbolicLink(fd).toString();
                            if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                                return Optional.of(Long.parseLong(proc.getFileName().toString()));
                            }
                        } catch (IOException e) {
                            // gone, or not ours
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // another user's process
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static List<String> tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(could not read " + file + ")");
        }
    }
}
