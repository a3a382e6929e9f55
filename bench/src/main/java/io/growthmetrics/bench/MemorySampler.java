package io.growthmetrics.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Step 6, memory: the resident set of each service (and the broker) read from {@code /proc/<pid>/status} once a
 * second through the whole run: the highest {@code VmRSS} seen and during which step, and at the end {@code VmHWM}
 * (the kernel's own peak since the process started, which no sampling can miss).
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

    private final Map<String, Peak> peaks = new LinkedHashMap<>();
    private volatile String currentStep = "start";
    private final Thread thread;
    private volatile boolean running = true;

    MemorySampler(Map<String, Long> pids) {
        pids.forEach((name, pid) -> peaks.put(name, new Peak(pid)));
        thread = new Thread(this::loop, "memory-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    void step(String step) {
        currentStep = step;
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
        for (Peak peak : peaks.values()) {
            peak.hwmKb = status(peak.pid, "VmHWM").orElse(-1);
        }
        return peaks;
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

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
