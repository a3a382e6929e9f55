package io.growthmetrics.deploy.local.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The FlowFuse releases of the demo: older 2.x ones before the demo window, then 2.28.0 up to 2.33.2 spread over
 * the window (release days relative to the window's first day, for a 90-day window; scaled for other lengths),
 * plus the 1.x versions old installations still run.
 */
final class Releases {

    record Release(String version, int day) {
    }

    private static final Object[][] SCHEDULE = {
            {"2.20.0", -330}, {"2.21.0", -300}, {"2.22.0", -265}, {"2.23.0", -235}, {"2.24.0", -200},
            {"2.25.0", -170}, {"2.26.0", -140}, {"2.27.0", -110}, {"2.27.1", -95}, {"2.28.0", -30},
            {"2.29.0", 4}, {"2.29.1", 10}, {"2.30.0", 20}, {"2.31.0", 35}, {"2.31.1", 41}, {"2.32.0", 52},
            {"2.32.1", 58}, {"2.33.0", 68}, {"2.33.1", 75}, {"2.33.2", 84}};

    /** 1.x versions, most common last. Versions before 1.5.0 have no licence fields, before 1.3.0 no library counts. */
    static final List<String> OLD_1X = List.of("1.0.2", "1.2.1", "1.4.0", "1.8.0", "1.10.1", "1.12.2", "1.13.3",
            "1.14.2", "1.15.0");

    private final List<Release> releases = new ArrayList<>();

    Releases(int windowDays) {
        for (Object[] r : SCHEDULE) {
            int day = (Integer) r[1];
            int scaled = day < 0 ? day : Math.min(windowDays - 1, Math.round(day * windowDays / 90f));
            releases.add(new Release((String) r[0], scaled));
        }
    }

    /** The newest release out on {@code day}. */
    String latestAt(int day) {
        return releases.get(indexAt(day)).version();
    }

    /** The release before the newest one on {@code day}. */
    String previousAt(int day) {
        return releases.get(Math.max(0, indexAt(day) - 1)).version();
    }

    /** The newest release at least {@code lag} days old on {@code day}. */
    String latestWithLag(int day, int lag) {
        return latestAt(day - lag);
    }

    /** A 2.x release that was out before the window, newer ones more likely. */
    String pickBeforeWindow(Random random) {
        int last = indexAt(0);
        double total = 0;
        for (int i = 0; i <= last; i++) {
            total += weight(i);
        }
        double roll = random.nextDouble() * total;
        for (int i = 0; i <= last; i++) {
            roll -= weight(i);
            if (roll <= 0) {
                return releases.get(i).version();
            }
        }
        return releases.get(last).version();
    }

    String pickOld1x(Random random) {
        // later 1.x versions more likely: index = max of two rolls
        int i = Math.max(random.nextInt(OLD_1X.size()), random.nextInt(OLD_1X.size()));
        return OLD_1X.get(i);
    }

    private static double weight(int index) {
        return Math.pow(index + 1, 1.6);
    }

    private int indexAt(int day) {
        int index = 0;
        for (int i = 0; i < releases.size(); i++) {
            if (releases.get(i).day() <= day) {
                index = i;
            }
        }
        return index;
    }

    /** Compares dotted versions numerically, ignoring a {@code -git} suffix. */
    static int compare(String a, String b) {
        int[] x = parse(a);
        int[] y = parse(b);
        for (int i = 0; i < 3; i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return 0;
    }

    /** True when {@code version} is at least {@code major.minor}. */
    static boolean atLeast(String version, int major, int minor) {
        return compare(version, major + "." + minor + ".0") >= 0;
    }

    private static int[] parse(String version) {
        String core = version.endsWith("-git") ? version.substring(0, version.length() - 4) : version;
        String[] parts = core.split("\\.");
        int[] numbers = new int[3];
        for (int i = 0; i < 3 && i < parts.length; i++) {
            numbers[i] = Integer.parseInt(parts[i]);
        }
        return numbers;
    }
}
