package io.growthmetrics.deploy.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The processes a launcher started, kept in {@code <data>/launcher.pids}, so that a launcher that was killed
 * (and could not stop its children) does not leave them running: the next run on the same data folder stops them.
 * Each line: pid, start time (epoch ms, so a reused pid is never mistaken), role.
 */
public final class StaleProcesses {

    private static final String LAUNCHER = "launcher";

    private final Path file;

    public StaleProcesses(Path dataDir) {
        this.file = dataDir.resolve("launcher.pids");
    }

    /**
     * Fails when another launcher still runs on this data folder; stops what a dead launcher left behind,
     * including an embedded PostgreSQL whose postmaster still runs.
     */
    public void cleanUp(Path embeddedPgData) throws IOException {
        List<ProcessHandle> leftovers = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.split("\t", 3);
                if (parts.length < 3) {
                    continue;
                }
                Optional<ProcessHandle> handle = sameProcess(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
                if (handle.isEmpty() || handle.get().pid() == ProcessHandle.current().pid()) {
                    continue;
                }
                if (LAUNCHER.equals(parts[2])) {
                    throw new IllegalStateException("Another deploy/local/run (pid " + parts[0]
                            + ") is using this data folder; stop it first, or use --data-dir and --port-offset");
                }
                Console.warn("Stopping " + parts[2] + " (pid " + parts[0] + "), left running by an earlier run");
                leftovers.add(handle.get());
            }
        }
        stop(leftovers);
        Optional<ProcessHandle> postmaster = postmaster(embeddedPgData);
        if (postmaster.isPresent()) {
            Console.warn("Stopping an embedded PostgreSQL (pid " + postmaster.get().pid() + "), left running by an earlier run");
            stop(List.of(postmaster.get()));
        }
        Files.deleteIfExists(file);
    }

    /** Records this launcher, its child processes and the embedded postmaster (if any). */
    public void record(Path embeddedPgData) {
        List<String> lines = new ArrayList<>();
        lines.add(line(ProcessHandle.current(), LAUNCHER));
        ProcessHandle.current().children().forEach(child -> lines.add(line(child, describe(child))));
        postmaster(embeddedPgData).ifPresent(pm -> lines.add(line(pm, "embedded PostgreSQL")));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            Console.warn("Could not write " + file + ": " + e.getMessage());
        }
    }

    public void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing to clean up next time anyway
        }
    }

    /** The running postmaster of a PostgreSQL data folder, from its {@code postmaster.pid}. */
    public static Optional<ProcessHandle> postmaster(Path pgData) {
        if (pgData == null) {
            return Optional.empty();
        }
        Path pidFile = pgData.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().command().map(c -> c.contains("postgres")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void stop(List<ProcessHandle> processes) {
        processes.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : processes) {
            CompletableFuture<ProcessHandle> exit = process.onExit();
            try {
                exit.get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }

    private static Optional<ProcessHandle> sameProcess(long pid, long startMillis) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().startInstant().map(Instant::toEpochMilli).map(s -> s == startMillis).orElse(false));
    }

    private static String line(ProcessHandle handle, String role) {
        long start = handle.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
        return handle.pid() + "\t" + start + "\t" + role;
    }

    private static String describe(ProcessHandle child) {
        List<String> args = child.info().arguments().map(List::of).orElse(List.of());
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("-jar") && i + 1 < args.size()) {
                Path jar = Path.of(args.get(i + 1));
                // <module>/target/quarkus-app/quarkus-run.jar
                Path module = jar.getParent() == null || jar.getParent().getParent() == null
                        || jar.getParent().getParent().getParent() == null
                        ? jar : jar.getParent().getParent().getParent().getFileName();
                return "service " + module;
            }
            if (args.get(i).equals("kafka.Kafka")) {
                return "Kafka broker";
            }
        }
        return "child process";
    }
}
