package io.growthmetrics.bench;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** The benchmark's progress lines: {@code [bench 12:00:01] ...}. */
public final class Console {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    public void info(String message) {
        System.out.println("[bench " + LocalTime.now().format(TIME) + "] " + message);
        System.out.flush();
    }

    public void warn(String message) {
        info("WARNING: " + message);
    }
}
