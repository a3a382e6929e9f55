package io.growthmetrics.deploy.local;

import java.io.PrintStream;

/** The launcher's own output: short lines on stdout, problems on stderr. */
public final class Console {

    private static final String PREFIX = "[local] ";

    private Console() {
    }

    public static void info(String message) {
        print(System.out, message);
    }

    public static void warn(String message) {
        print(System.err, "WARNING: " + message);
    }

    public static void error(String message) {
        print(System.err, "ERROR: " + message);
    }

    /** A line without the prefix (summaries, log excerpts). */
    public static void plain(String message) {
        System.out.println(message);
        System.out.flush();
    }

    private static void print(PrintStream stream, String message) {
        synchronized (Console.class) {
            stream.println(PREFIX + message);
            stream.flush();
        }
    }
}
