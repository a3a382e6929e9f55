package io.growthmetrics.deploy.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the harness's own, started from the machine's binaries ({@code /usr/lib/postgresql/<v>/bin}:
 * {@code initdb}, {@code pg_ctl}) on a free port, so the restart scenario can stop and start it without touching the
 * shared server on 5432. As root the binaries run as the {@code postgres} user ({@code runuser -u postgres --}) and
 * the data folder (under {@code /tmp}, which that user can reach) is handed to it. Local connections are trusted:
 * the cluster listens on 127.0.0.1 only and lives as long as the harness.
 */
public final class PrivatePostgres implements AutoCloseable {

    private static final String USER = "postgres";

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final boolean asRoot;

    private PrivatePostgres(Path bin, Path dataDir, int port, boolean asRoot) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.asRoot = asRoot;
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} with initdb and pg_ctl, if any. */
    public static Optional<Path> binaries() {
        String configured = System.getProperty("faults.pg.bin", System.getenv("FAULTS_PG_BIN"));
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured);
            return usable(dir) ? Optional.of(dir) : Optional.empty();
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(PrivatePostgres::usable)
                    .max(Comparator.comparing(p -> versionOf(p.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean usable(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))
                && Files.isExecutable(bin.resolve("postgres"));
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name.replaceAll("[^0-9].*$", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** initdb into a new folder under /tmp, then start on a free port. */
    public static PrivatePostgres start(Path bin, int port) throws IOException, InterruptedException {
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("growth-faults-pg-");
        if (asRoot) {
            run(List.of("chown", USER + ":" + USER, dir.toString()), Duration.ofSeconds(10), null);
        }
        PrivatePostgres pg = new PrivatePostgres(bin, dir.resolve("data"), port, asRoot);
        pg.pg(List.of(bin.resolve("initdb").toString(), "-D", pg.dataDir.toString(), "-U", USER, "--auth=trust",
                "-E", "UTF8", "--locale=C", "--no-sync"), Duration.ofSeconds(120));
        pg.startServer();
        return pg;
    }

    public void startServer() throws IOException, InterruptedException {
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l",
                dataDir.getParent().resolve("postgres.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + dataDir.getParent()
                        + " -c fsync=off -c max_connections=200", "start"), Duration.ofSeconds(90));
    }

    /** A fast shutdown: open connections are cut, as when a database server restarts. */
    public void stopServer() throws IOException, InterruptedException {
        pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60",
                "stop"), Duration.ofSeconds(90));
    }

    public boolean isRunning() {
        try {
            pg(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "status"), Duration.ofSeconds(20));
            return true;
        } catch (IOException | InterruptedException | IllegalStateException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public String user() {
        return USER;
    }

    public Path logFile() {
        return dataDir.getParent().resolve("postgres.log");
    }

    @Override
    public void close() {
        try {
            stopServer();
        } catch (Exception e) {
            // already stopped, or gone with the folder below
        }
        try {
            run(List.of("rm", "-rf", dataDir.getParent().toString()), Duration.ofSeconds(60), null);
        } catch (Exception e) {
            // a leftover folder under /tmp
        }
    }

    private void pg(List<String> command, Duration timeout) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asRoot) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(command);
        run(full, timeout, dataDir.getParent());
    }

    private static void run(List<String> command, Duration timeout, Path dir) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        Process p = builder.start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("Timed out: " + String.join(" ", command));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("Failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n"
                    + new String(output, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
