package io.growthmetrics.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Step 6, memory: each service's peak resident set (see {@link MemorySampler}) against 300 MB. */
final class MemoryStep {

    static final double TARGET_MB = 300;

    private MemoryStep() {
    }

    static void report(Context ctx, Results.Step step, Map<String, MemorySampler.Peak> peaks, Map<String, Long> pids,
                       List<MemorySampler.StepCpu> cpu) {
        if (peaks.isEmpty()) {
            throw new IllegalStateException("no service process found by its port (/proc/net/tcp): pids " + pids);
        }
        for (String service : Stack.SERVICE_PORTS.keySet()) {
            if (!peaks.containsKey(service)) {
                step.row(service + ": peak RSS", "process not found", "≤ 300 MB", null);
            }
        }
        for (Map.Entry<String, MemorySampler.Peak> e : peaks.entrySet()) {
            String name = e.getKey();
            MemorySampler.Peak p = e.getValue();
            double hwm = p.hwmKb < 0 ? Double.NaN : p.hwmKb / 1024.0;
            double sampled = p.rssKb / 1024.0;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pid", p.pid);
            m.put("peakRssMB", Results.round(hwm, 1));
            m.put("highestSampledRssMB", Results.round(sampled, 1));
            m.put("highestSampledDuring", p.during);
            m.put("jvm", jvmSettings(p.pid));
            step.figure(name, m);
            boolean service = Stack.SERVICE_PORTS.containsKey(name);
            step.row(name + ": peak RSS (VmHWM); highest sampled during the run",
                    Results.format(hwm, 0) + " MB; " + Results.format(sampled, 0) + " MB during " + p.during,
                    service ? "≤ 300 MB" : "", service ? (Boolean) (hwm <= TARGET_MB) : null);
        }
        List<Map<String, Object>> cpuFigures = new ArrayList<>();
        for (MemorySampler.StepCpu c : cpu) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", c.step());
            m.put("seconds", c.seconds());
            m.put("machineBusyPercent", c.machineBusyPercent());
            m.put("percentOfACore", c.percentOfACore());
            cpuFigures.add(m);
            List<String> parts = new ArrayList<>();
            c.percentOfACore().entrySet().stream()
                    .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                    .forEach(e -> parts.add(e.getKey() + " " + Results.format(e.getValue(), 0) + " %"));
            step.note("CPU during " + c.step() + " (" + Results.format(c.seconds(), 0) + " s): the machine "
                    + Results.format(c.machineBusyPercent(), 0) + " % busy; in % of one core: " + String.join(", ", parts));
        }
        step.figure("cpuByStep", cpuFigures);
        step.note("RSS from /proc/<pid>/status, MB = 2^20 bytes: VmHWM is the kernel's peak since the process started "
                + (ctx.stack.owned() ? "(the benchmark started it)" : "(before the benchmark too: --use-running)")
                + "; VmRSS sampled once a second, the highest and the step it was in. The services ran with "
                + peaks.entrySet().stream().filter(e -> Stack.SERVICE_PORTS.containsKey(e.getKey()))
                        .map(e -> jvmSettings(e.getValue().pid)).distinct().collect(Collectors.joining("; "))
                + " (read from each process). The broker for reference, no target.");
    }

    /** The -X options on a process's command line and MALLOC_ARENA_MAX from its environment, as it runs. */
    static String jvmSettings(long pid) {
        List<String> settings = new ArrayList<>();
        try {
            for (String arg : Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0")) {
                if (arg.startsWith("-X")) {
                    settings.add(arg);
                }
            }
            for (String variable : Files.readString(Path.of("/proc", Long.toString(pid), "environ")).split("\0")) {
                if (variable.startsWith("MALLOC_ARENA_MAX=")) {
                    settings.add(variable);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
        return String.join(" ", settings);
    }
}
