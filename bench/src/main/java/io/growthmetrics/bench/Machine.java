package io.growthmetrics.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The machine's details that go with the figures: cores, memory, CPU, OS, JDK, versions, git commit, load. */
final class Machine {

    private Machine() {
    }

    static void describe(Path repo, Map<String, Object> out) {
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("cpu", firstMatch(Path.of("/proc/cpuinfo"), "model name\\s*:\\s*(.+)").orElse("unknown"));
        out.put("memory", firstMatch(Path.of("/proc/meminfo"), "MemTotal:\\s*(\\d+) kB")
                .map(kb -> Results.format(Long.parseLong(kb) / 1024.0 / 1024.0, 1) + " GiB").orElse("unknown"));
        out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        out.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vendor") + "); the services run on the same JDK (their JVM options: 6 Memory)");
        out.put("kafka broker", jarVersion(repo.resolve("deploy/kafka-broker/target/kafka-libs"), "kafka_2.13-")
                .map(v -> v + " (KRaft, one node, deploy/kafka-broker)").orElse("unknown"));
        out.put("kafka clients (services, bench)", org.apache.kafka.common.utils.AppInfoParser.getVersion());
        out.put("kafka tools (ProducerPerformance, ConsumerPerformance)",
                jarVersion(repo.resolve("bench/target/kafka-tools"), "kafka-tools-").orElse("unknown"));
        out.put("quarkus", jarVersion(repo.resolve("telemetry-ingest/target/quarkus-app/lib/main"), "io.quarkus.quarkus-core-")
                .orElse("unknown"));
        out.put("postgresql", command(repo, "psql", "--version").orElse("unknown") + " (client; the server at the "
                + "stack's DB_HOST:DB_PORT)");
        String commit = command(repo, "git", "rev-parse", "HEAD").orElse("unknown");
        String changed = command(repo, "git", "status", "--porcelain", "--untracked-files=no").orElse("");
        long changedFiles = changed.isBlank() ? 0 : changed.lines().count();
        out.put("git commit", commit + (changedFiles > 0 ? " (plus uncommitted changes in " + changedFiles + " files)" : ""));
        out.put("load average at start", loadAverage());
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Optional<String> firstMatch(Path file, String regex) {
        try {
            Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(Files.readString(file, StandardCharsets.UTF_8));
            return m.find() ? Optional.of(m.group(1).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> jarVersion(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".jar"))
                    .map(n -> n.substring(prefix.length(), n.length() - 4))
                    .filter(v -> !v.isEmpty() && Character.isDigit(v.charAt(0)))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> command(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
