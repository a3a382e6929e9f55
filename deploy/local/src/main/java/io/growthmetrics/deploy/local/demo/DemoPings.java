package io.growthmetrics.deploy.local.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Demo telemetry: the pings a few hundred FlowFuse installations would have sent over the last {@code days} days
 * (ending on the UTC day of {@code until}, nothing after {@code until}), as rows of the collector's table.
 *
 * <ul>
 *   <li>~170 installations exist at the start; new ones arrive every day, more towards the end (growth);</li>
 *   <li>some stop pinging (churn), and about a quarter of the new ones are only tried for a few days;</li>
 *   <li>versions move from 2.28.0 to 2.33.2 as installations upgrade (eagerly, now and then, or never);
 *       some old ones stay on 1.x (fewer fields); a few developer builds report {@code x.y.z-git};</li>
 *   <li>drivers: localfs most, docker, kubernetes, and a few {@code stub} test platforms; OS mostly Linux
 *       (all containers), some Darwin and Windows_NT; licence CE mostly, EE (more on kubernetes), DEV;</li>
 *   <li>one ping a day at a random time, one 10 s after each (re)start, none on days a machine is off.</li>
 * </ul>
 * The same seed and {@code until} always give the same rows.
 */
public final class DemoPings {

    public static final long DEFAULT_SEED = 20_260_805L;
    public static final int DEFAULT_DAYS = 90;

    static final int INITIAL_INSTALLATIONS = 170;
    static final int INITIAL_DEV_BUILDS = 6;
    static final int INITIAL_TEST_PLATFORMS = 4;

    private final long seed;
    private final int days;
    private final LocalDateTime until;
    private final LocalDate firstDay;
    private final LocalDate lastDay;

    public DemoPings(long seed, int days, Instant until) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1");
        }
        this.seed = seed;
        this.days = days;
        this.until = LocalDateTime.ofInstant(until, ZoneOffset.UTC);
        this.lastDay = this.until.toLocalDate();
        this.firstDay = lastDay.minusDays(days - 1L);
    }

    public LocalDate firstDay() {
        return firstDay;
    }

    public LocalDate lastDay() {
        return lastDay;
    }

    /** All pings, in receive-time order, to {@code sink}; one day at a time is held in memory. */
    public void generate(Consumer<Ping> sink) {
        List<DemoInstallation> installations = population();
        Comparator<Ping> order = Comparator.comparing(Ping::createdAt).thenComparing(Ping::instanceId);
        for (int day = 0; day < days; day++) {
            List<Ping> pings = new ArrayList<>();
            for (DemoInstallation installation : installations) {
                installation.simulateDay(day, pings::add);
            }
            pings.sort(order);
            for (Ping ping : pings) {
                if (!ping.createdAt().isAfter(until)) {
                    sink.accept(ping);
                }
            }
        }
    }

    /** All pings in a list (for tests and small windows). */
    public List<Ping> generate() {
        List<Ping> all = new ArrayList<>();
        generate(all::add);
        return all;
    }

    private List<DemoInstallation> population() {
        Random world = new Random(seed);
        Releases releases = new Releases(days);
        List<DemoInstallation> all = new ArrayList<>();
        for (int i = 0; i < INITIAL_INSTALLATIONS; i++) {
            DemoInstallation.Kind kind = i < INITIAL_DEV_BUILDS ? DemoInstallation.Kind.DEV_BUILD
                    : i < INITIAL_DEV_BUILDS + INITIAL_TEST_PLATFORMS ? DemoInstallation.Kind.TEST_PLATFORM
                    : DemoInstallation.Kind.REGULAR;
            all.add(DemoInstallation.existing(kind, days, firstDay, new Random(world.nextLong()), releases));
        }
        for (int day = 0; day < days; day++) {
            // arrivals per day grow from ~0.9 to ~3.3 over the window
            double rate = 0.9 + 2.4 * day / Math.max(1, days - 1);
            int arrivals = DemoInstallation.poisson(world, rate);
            for (int i = 0; i < arrivals; i++) {
                double roll = world.nextDouble();
                DemoInstallation.Kind kind = roll < 0.03 ? DemoInstallation.Kind.DEV_BUILD
                        : roll < 0.045 ? DemoInstallation.Kind.TEST_PLATFORM
                        : DemoInstallation.Kind.REGULAR;
                all.add(DemoInstallation.arriving(kind, day, days, firstDay, new Random(world.nextLong()), releases));
            }
        }
        return all;
    }
}
