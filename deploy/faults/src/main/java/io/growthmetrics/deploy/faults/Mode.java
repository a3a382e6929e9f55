package io.growthmetrics.deploy.faults;

import java.time.Duration;

/**
 * How hard the harness pushes. {@code quick} (the default, part of {@code mvn verify}) uses small counts and short
 * outages; {@code full} ({@code -Dfaults.mode=full}, run by hand) larger counts and outages longer than the limits
 * that used to break things (a database away for more than 60 s).
 *
 * @param kills                   kill -9 of kpi-service in scenario a
 * @param pingPauseMillis         pause between two pings of one sender thread
 * @param stripeCustomers         customers of the billing history sent in scenario a (and each copy in e)
 * @param brokerOutage            how long the broker stays stopped, then frozen, in scenario b
 * @param databaseOutage          how long PostgreSQL stays stopped in scenario c
 * @param shortSessionTimeout     whether kpi-service's consumers get a 6 s session timeout, so partitions of a killed
 *                                instance are reassigned in seconds (full mode keeps the services' own settings)
 */
public record Mode(String name, int kills, long pingPauseMillis, int stripeCustomers, Duration gapBetweenKills,
        Duration brokerOutage, Duration databaseOutage, boolean shortSessionTimeout) {

    public static Mode current() {
        String name = System.getProperty("faults.mode", "quick");
        if (name == null || name.isBlank() || name.startsWith("$")) {
            name = "quick";
        }
        return switch (name) {
            case "quick" -> new Mode("quick", 3, 100, 15, Duration.ofSeconds(3), Duration.ofSeconds(15),
                    Duration.ofSeconds(10), true);
            case "full" -> new Mode("full", 3, 10, 100, Duration.ofSeconds(20), Duration.ofSeconds(60),
                    Duration.ofSeconds(75), false);
            default -> throw new IllegalArgumentException("faults.mode must be quick or full, not " + name);
        };
    }

    public boolean full() {
        return name.equals("full");
    }
}
