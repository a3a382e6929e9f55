package io.growthmetrics.deploy.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * One service as a child JVM: {@code java <JVM_OPTIONS> -jar <module>/target/quarkus-app/quarkus-run.jar}, its output
 * in {@code <data>/logs/<service>.log}, configured only through environment variables.
 */
public final class ServiceProcess {

    /**
     * Every service's JVM options (deploy/kubernetes' JAVA_TOOL_OPTIONS are the same; docs/performance.md measured
     * with them). A 128 MB heap holds each service's live data several times over (kpi-service: 32 MB after a full
     * GC while draining a backlog); the serial collector has no extra threads or regions; native memory the JVM has
     * freed (the JIT compilers' arenas above all) is given back every 10 s instead of staying in the RSS.
     */
    public static final List<String> JVM_OPTIONS = List.of("-Xmx128m", "-XX:+UseSerialGC",
            "-XX:TrimNativeHeapInterval=10000");

    /** glibc would otherwise keep up to 8 malloc arenas per core (each up to 64 MB) for the many threads. */
    public static final Map<String, String> JVM_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

    /** Thrown when the launcher is shutting down while it waits for something. */
    public static final class StoppingException extends RuntimeException {
        public StoppingException() {
            super("the local stack is stopping");
        }
    }

    private final ServiceSpec spec;
    private final String host;
    private final int port;
    private final Process process;
    private final Path logFile;

    private ServiceProcess(ServiceSpec spec, String host, int port, Process process, Path logFile) {
        this.spec = spec;
        this.host = host;
        this.port = port;
        this.process = process;
        this.logFile = logFile;
    }

    /** {@code host}: where the launcher reaches the service ({@link ServiceSpec#clientHost}). */
    public static ServiceProcess start(ServiceSpec spec, Path repo, String host, int port, Map<String, String> env,
                                       Path logFile) throws IOException {
        Files.createDirectories(logFile.getParent());
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", spec.runJar(repo).toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(spec.moduleDir(repo).toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        JVM_ENVIRONMENT.forEach(builder.environment()::putIfAbsent);
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return new ServiceProcess(spec, host, port, builder.start(), logFile);
    }

    /**
     * Waits until {@code /q/health/ready} answers 200. False when the process exits or the time runs out;
     * {@link StoppingException} when {@code stopping} turns true meanwhile.
     */
    public boolean awaitReady(Duration timeout, BooleanSupplier stopping) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String url = baseUrl() + "/q/health/ready";
        while (System.nanoTime() < deadline) {
            if (stopping.getAsBoolean()) {
                throw new StoppingException();
            }
            if (!process.isAlive()) {
                return false;
            }
            if (Http.answersOk(url)) {
                return true;
            }
            Thread.sleep(300);
        }
        return false;
    }

    /** SIGTERM (Quarkus shuts down gracefully), then a kill of the process and anything it started. */
    public void beginStop() {
        if (process.isAlive()) {
            process.destroy();
        }
    }

    public void awaitStopped(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                Console.warn(spec.name() + " did not stop within " + grace.toSeconds() + " s; killing it");
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of this service's log. */
    public List<String> tail(int lines) {
        return tail(logFile, lines);
    }

    public static List<String> tail(Path file, int lines) {
        Deque<String> last = new ArrayDeque<>(lines);
        if (!Files.exists(file)) {
            return List.of();
        }
        try (Stream<String> stream = Files.lines(file, StandardCharsets.UTF_8)) {
            stream.forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of("(could not read " + file + ": " + e.getMessage() + ")");
        }
        return List.copyOf(last);
    }

    public ServiceSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://" + host + ":" + port;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
