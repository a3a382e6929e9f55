package io.growthmetrics.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Step 6, memory: the resident set of each service (and the broker) read from {@code /proc/<pid>/status} once a
 * second through the whole run: the highest {@code VmRSS} seen and during which step, and at the end {@code VmHWM}
 * (the kernel's own peak since the process started, which no sampling can miss).
 *
 * <p>Also where the cores went in each step, from {@code /proc/<pid>/stat}: each service's, the broker's, the
 * benchmark's own and the PostgreSQL server's CPU time (all its processes: every database on it), and the machine's
 * busy share from {@code /proc/stat}; in % of one core.
 */
final class MemorySampler implements AutoCloseable {

    static final class Peak {
        final long pid;
        long rssKb;
        String during = "";
        long hwmKb = -1;

        Peak(long pid) {
            this.pid = pid;
        }
    }

    /** CPU use during one step: % of one core per process, and the machine's busy % of all its cores. */
    record StepCpu(String step, double seconds, Map<String, Double> percentOfACore, double machineBusyPercent) {
    }

    private static final String BENCH = "benchmark (load generator)";
    private static final String POSTGRES = "postgresql server (all its databases)";

    private final Map<String, Peak> peaks = new LinkedHashMap<>();
    private final Map<String, Long> pids;
    private final long ticksPerSecond = clockTicks();
    private final List<StepCpu> cpu = new ArrayList<>();
    private String currentStep = "start";
    private long stepStarted = System.nanoTime();
    private Map<String, Long> stepTicks;
    private long[] stepMachine;
    private final Thread thread;
    private volatile boolean running = true;

    MemorySampler(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
        this.pids.put(BENCH, ProcessHandle.current().pid());
        pids.forEach((name, pid) -> peaks.put(name, new Peak(pid)));
        stepTicks = ticks();
        stepMachine = machineTicks();
        thread = new Thread(this::loop, "memory-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** A new step begins: closes the CPU account of the one before. */
    synchronized void step(String step) {
        closeStep();
        currentStep = step;
    }

    private void closeStep() {
        long now = System.nanoTime();
        Map<String, Long> ticks = ticks();
        long[] machine = machineTicks();
        double seconds = (now - stepStarted) / 1e9;
        if (seconds > 0.5 && !currentStep.equals("start")) {
            Map<String, Double> percent = new LinkedHashMap<>();
            ticks.forEach((name, t) -> {
                Long before = stepTicks.get(name);
                if (before != null && t >= before) {
                    percent.put(name, Results.round((t - before) / (double) ticksPerSecond / seconds * 100, 0));
                }
            });
            double busy = Double.NaN;
            if (machine != null && stepMachine != null && machine[0] > stepMachine[0]) {
                busy = Results.round(100.0 * (machine[1] - stepMachine[1]) / (machine[0] - stepMachine[0]), 0);
            }
            cpu.add(new StepCpu(currentStep, Results.round(seconds, 1), percent, busy));
        }
        stepStarted = now;
        stepTicks = ticks;
        stepMachine = machine;
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        for (Peak peak : peaks.values()) {
            OptionalLong rss = status(peak.pid, "VmRSS");
            if (rss.isPresent() && rss.getAsLong() > peak.rssKb) {
                peak.rssKb = rss.getAsLong();
                peak.during = currentStep;
            }
        }
    }

    /** Stops sampling and reads each process's VmHWM. */
    synchronized Map<String, Peak> finish() {
        running = false;
        thread.interrupt();
        sample();
        closeStep();
        currentStep = "start";
        for (Peak peak : peaks.values()) {
            peak.hwmKb = status(peak.pid, "VmHWM").orElse(-1);
        }
        return peaks;
    }

    synchronized List<StepCpu> cpuByStep() {
        return List.copyOf(cpu);
    }

    static OptionalLong status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return OptionalLong.of(Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return OptionalLong.empty();
    }

    /** Cumulative CPU ticks (user + system) of each watched process, and of all postgres processes together. */
    private Map<String, Long> ticks() {
        Map<String, Long> out = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            long[] t = stat(pid);
            if (t != null) {
                out.put(name, t[1]);
            }
        });
        long postgres = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"), StandardCharsets.UTF_8);
                    if (stat.contains("(postgres)")) {
                        postgres += ticksOf(stat);
                    }
                } catch (IOException | RuntimeException e) {
                    // gone
                }
            }
            out.put(POSTGRES, postgres);
        } catch (IOException e) {
            // not Linux
        }
        return out;
    }

    private static long[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            return new long[] {pid, ticksOf(stat)};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** utime + stime of one /proc/<pid>/stat line (fields 14 and 15; the name in brackets may hold spaces). */
    private static long ticksOf(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** {total, busy} ticks of the whole machine from /proc/stat (busy = all but idle and iowait). */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total, total - idle};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(5, TimeUnit.SECONDS);
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
