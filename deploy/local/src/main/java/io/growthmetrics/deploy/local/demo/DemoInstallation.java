package io.growthmetrics.deploy.local.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One simulated FlowFuse installation of the demo data: what it runs on, its version (upgraded over time), its
 * counts (growing), and when it pings: 10 s after every start, and once a day at a time chosen at random at each
 * start, as the platform's housekeeper does. Days it is switched off it sends nothing. All randomness comes from
 * its own {@link Random}, so the demo is the same for the same seed.
 */
final class DemoInstallation {

    enum Kind { REGULAR, DEV_BUILD, TEST_PLATFORM }

    private enum Upgrades { EAGER, PERIODIC, NEVER }

    private static final List<String> NODE_2X = List.of("v18.20.4", "v18.20.8", "v20.11.1", "v20.18.1", "v20.19.4",
            "v22.12.0", "v22.17.1");
    private static final double[] NODE_2X_WEIGHTS = {8, 6, 10, 18, 22, 10, 8};
    private static final List<String> NODE_1X = List.of("v16.19.0", "v16.20.2", "v18.16.0", "v18.17.1");

    private static final int SECONDS_PER_DAY = 86_400;
    private static final int STARTUP_DELAY_SECONDS = 10;

    private final Random random;
    private final Releases releases;
    private final LocalDate windowStart;
    final Kind kind;
    final String instanceId;
    /** Day index (0 = first day of the window) it was installed; negative: before the window. */
    final int firstDay;
    /** Last day index it pings; later than the window when it is still in use. */
    final int lastDay;

    private final String driver;
    private final String osType;
    private final String osRelease;
    private final String osArch;
    private final boolean laptop;
    private final boolean brokerEnabled;
    private final boolean fileStoreEnabled;
    private boolean emailEnabled;
    private String ip;
    private String nodejs;
    private String version;
    private String licenseType;
    private String licenseId;

    private final Upgrades upgrades;
    private final int upgradeLag;
    private int nextPeriodicUpgrade;
    private final boolean gitTestPlatform;

    private double users;
    private double teams;
    private final double usersPerTeam;
    private double projects;
    private final double suspendedShare;
    private double devices;
    private final double neverSeenShare;
    private final double seenTodayShare;
    private double snapshots;
    private final int stacks;
    private final int templates;
    private double libraryEntries;
    private double sharedLibraryEntries;
    private final int blueprints;
    private final double brokerClientsPerDevice;
    private final int remoteBrokers;
    private final double userGrowth;
    private final double projectGrowth;
    private final double deviceGrowth;
    private final double targetProjects;
    private final double targetDevices;

    private int cronSecond;
    private boolean wasOff;

    private DemoInstallation(Kind kind, int firstDay, int windowDays, LocalDate windowStart, Random random,
                             Releases releases) {
        this.kind = kind;
        this.firstDay = firstDay;
        this.random = random;
        this.releases = releases;
        this.windowStart = windowStart;
        this.instanceId = uuid(random);
        boolean existing = firstDay < 0;

        // What it runs on
        double roll = random.nextDouble();
        driver = switch (kind) {
            case TEST_PLATFORM -> "stub";
            case DEV_BUILD -> roll < 0.85 ? "localfs" : "docker";
            case REGULAR -> roll < 0.56 ? "localfs" : roll < 0.86 ? "docker" : "kubernetes";
        };
        String[] os = pickOs(kind, driver, random);
        osType = os[0];
        osRelease = os[1];
        osArch = os[2];
        laptop = driver.equals("localfs") && !osType.equals("Linux") || kind == Kind.DEV_BUILD;

        // Version and upgrade habits
        boolean on1x = existing && kind == Kind.REGULAR && random.nextDouble() < 0.14;
        if (on1x) {
            version = releases.pickOld1x(random);
            upgrades = random.nextDouble() < 0.15 ? Upgrades.PERIODIC : Upgrades.NEVER;
        } else {
            if (existing) {
                version = releases.pickBeforeWindow(random);
            } else {
                version = random.nextDouble() < 0.8 ? releases.latestAt(firstDay) : releases.previousAt(firstDay);
            }
            double u = random.nextDouble();
            upgrades = u < 0.25 ? Upgrades.EAGER : u < 0.65 ? Upgrades.PERIODIC : Upgrades.NEVER;
        }
        gitTestPlatform = kind == Kind.TEST_PLATFORM && random.nextBoolean();
        if (kind == Kind.DEV_BUILD || gitTestPlatform) {
            version = releases.latestAt(Math.max(firstDay, 0)) + "-git";
        }
        upgradeLag = random.nextInt(7);
        nextPeriodicUpgrade = random.nextInt(45);
        nodejs = on1x ? NODE_1X.get(random.nextInt(NODE_1X.size())) : weighted(NODE_2X, NODE_2X_WEIGHTS, random);
        ip = randomIp(random);

        // Licence: EE mostly on the bigger (container) platforms
        double eeShare = switch (driver) {
            case "kubernetes" -> 0.45;
            case "docker" -> 0.15;
            default -> 0.05;
        };
        double l = random.nextDouble();
        if (kind == Kind.DEV_BUILD || kind == Kind.TEST_PLATFORM) {
            licenseType = l < 0.5 ? "DEV" : "CE";
        } else {
            licenseType = l < eeShare ? "EE" : l < eeShare + 0.015 ? "DEV" : "CE";
        }
        licenseId = licenseType.equals("CE") ? "" : uuid(random);

        // Configuration
        boolean container = !driver.equals("localfs");
        brokerEnabled = random.nextDouble() < (container ? 0.8 : 0.35);
        fileStoreEnabled = random.nextDouble() < (driver.equals("kubernetes") ? 0.7 : container ? 0.45 : 0.15);
        emailEnabled = random.nextDouble() < (container ? 0.6 : 0.25);

        // Size: existing platforms start at their size, new ones start empty and grow while being set up
        boolean licensed = !licenseType.equals("CE");
        double scale = licenseType.equals("EE") ? 2.5 : 1.0;
        if (kind == Kind.TEST_PLATFORM) {
            users = 1 + random.nextInt(3);
            projects = random.nextInt(4);
            devices = random.nextInt(3);
        } else if (existing) {
            double userMedian = switch (driver) {
                case "kubernetes" -> 30;
                case "docker" -> 6;
                default -> 2;
            };
            users = Math.max(1, lognormal(random, userMedian * scale, 0.9));
            projects = Math.max(0, lognormal(random, medianProjects(driver) * scale, 0.8) - 0.5);
            double deviceShare = (driver.equals("localfs") ? 0.3 : driver.equals("docker") ? 0.45 : 0.6)
                    + (licenseType.equals("EE") ? 0.3 : 0);
            devices = random.nextDouble() < deviceShare ? lognormal(random, licenseType.equals("EE") ? 60 : 8, 1.3) : 0;
        } else {
            users = 1;
            projects = driver.equals("localfs") ? 1 : random.nextInt(2);
            devices = 0;
        }
        usersPerTeam = 2 + random.nextDouble() * 4;
        teams = Math.max(1, users / usersPerTeam);
        suspendedShare = random.nextDouble() * 0.2;
        neverSeenShare = 0.02 + random.nextDouble() * 0.1;
        seenTodayShare = 0.5 + random.nextDouble() * 0.4;
        snapshots = existing ? projects * (1 + random.nextDouble() * 7) + devices / 4 : 0;
        stacks = 1 + random.nextInt(6);
        templates = 1 + random.nextInt(3);
        libraryEntries = existing ? lognormal(random, users * 2 + 1, 0.8) : 0;
        sharedLibraryEntries = licensed && existing ? random.nextInt(60) : 0;
        blueprints = licensed ? random.nextInt(20) : 0;
        brokerClientsPerDevice = licensed ? random.nextDouble() * 0.3 : 0;
        remoteBrokers = licensed ? random.nextInt(5) : 0;
        userGrowth = random.nextDouble() * 0.006;
        projectGrowth = random.nextDouble() * 0.008;
        deviceGrowth = random.nextDouble() * 0.012;
        // a new platform is built up towards a size like the existing ones have, over its first weeks
        targetProjects = existing ? 0 : Math.max(1, lognormal(random, medianProjects(driver) * scale * 0.6, 0.8));
        targetDevices = existing || random.nextDouble() > 0.4 ? 0 : lognormal(random, licensed ? 30 : 5, 1.2);

        cronSecond = random.nextInt(SECONDS_PER_DAY);

        // Lifetime: some stop sending (uninstalled, moved, opted out); many new ones are only tried out
        int start = Math.max(firstDay, 0);
        if (!existing && kind == Kind.REGULAR && random.nextDouble() < 0.28) {
            lastDay = firstDay + 1 + random.nextInt(12);
        } else {
            // small platforms stop more often than big or licensed ones
            double sizeFactor = users <= 2 ? 1.6 : users < 10 ? 0.9 : 0.35;
            double hazard = switch (kind) {
                case DEV_BUILD -> 0.01;
                case TEST_PLATFORM -> 0.0;
                case REGULAR -> (existing ? 0.0035 : 0.003) * sizeFactor * (licensed ? 0.4 : 1);
            };
            lastDay = hazard == 0 ? Integer.MAX_VALUE : start + geometric(random, hazard);
        }
        if (windowDays <= 0) {
            throw new IllegalArgumentException("windowDays must be positive");
        }
    }

    static DemoInstallation existing(Kind kind, int windowDays, LocalDate windowStart, Random random, Releases releases) {
        int installedDaysAgo = 1 + random.nextInt(700);
        return new DemoInstallation(kind, -installedDaysAgo, windowDays, windowStart, random, releases);
    }

    static DemoInstallation arriving(Kind kind, int day, int windowDays, LocalDate windowStart, Random random,
                                     Releases releases) {
        return new DemoInstallation(kind, day, windowDays, windowStart, random, releases);
    }

    boolean pingsOn(int day) {
        return day >= firstDay && day <= lastDay;
    }

    /** Advances one day and emits the day's pings (not sorted across installations). */
    void simulateDay(int day, Consumer<Ping> sink) {
        if (!pingsOn(day)) {
            return;
        }
        LocalDate date = windowStart.plusDays(day);
        boolean installedToday = day == firstDay;
        grow(day);
        if (!installedToday && random.nextDouble() < offProbability(date)) {
            wasOff = true;
            return;
        }

        List<Integer> restarts = new ArrayList<>();
        String upgradeTo = upgradeDue(day);
        int restartCount = restartCount(date);
        if (installedToday || wasOff || upgradeTo != null) {
            restartCount = Math.max(restartCount, 1);
        }
        for (int i = 0; i < restartCount; i++) {
            restarts.add(random.nextInt(SECONDS_PER_DAY - STARTUP_DELAY_SECONDS));
        }
        restarts.sort(null);
        // Installed today, or switched on again after a day off: nothing ran before the first start.
        boolean running = !installedToday && !wasOff;
        wasOff = false;

        int from = 0;
        long lastEmitted = -1;
        for (int i = 0; i < restarts.size(); i++) {
            int restartAt = restarts.get(i);
            if (running && cronSecond >= from && cronSecond < restartAt) {
                lastEmitted = emit(date, cronSecond, lastEmitted, sink);
            }
            onRestart(day, i == 0 ? upgradeTo : null);
            lastEmitted = emit(date, restartAt + STARTUP_DELAY_SECONDS, lastEmitted, sink);
            cronSecond = random.nextInt(SECONDS_PER_DAY);
            from = restartAt + STARTUP_DELAY_SECONDS;
            running = true;
        }
        if (running && cronSecond >= from) {
            emit(date, cronSecond, lastEmitted, sink);
        }
    }

    private long emit(LocalDate date, int second, long lastEmitted, Consumer<Ping> sink) {
        // microseconds whose last digit is not 0, so every timestamp prints with six fraction digits
        long micros = 1 + random.nextInt(999_999);
        if (micros % 10 == 0) {
            micros++;
        }
        long at = second * 1_000_000L + micros;
        if (at <= lastEmitted) {
            at = lastEmitted + 1;
        }
        if (at >= SECONDS_PER_DAY * 1_000_000L) {
            return lastEmitted;
        }
        LocalDateTime createdAt = date.atStartOfDay().plusNanos(at * 1_000L);
        sink.accept(snapshot(createdAt));
        return at;
    }

    private double offProbability(LocalDate date) {
        boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        return switch (kind) {
            case DEV_BUILD -> weekend ? 0.75 : 0.1;
            case TEST_PLATFORM -> weekend ? 0.5 : 0.05;
            case REGULAR -> laptop ? (weekend ? 0.6 : 0.15) : 0.015;
        };
    }

    private int restartCount(LocalDate date) {
        return switch (kind) {
            case DEV_BUILD -> 1 + poisson(random, 1);
            case TEST_PLATFORM -> random.nextDouble() < 0.3 ? 1 + random.nextInt(2) : 0;
            case REGULAR -> random.nextDouble() < (laptop ? 0.5 : 0.04) ? 1 : 0;
        };
    }

    /** The version to upgrade to today, if any. */
    private String upgradeDue(int day) {
        if (kind != Kind.REGULAR) {
            return null;
        }
        String target = switch (upgrades) {
            case EAGER -> releases.latestWithLag(day, upgradeLag);
            case PERIODIC -> {
                if (day < nextPeriodicUpgrade) {
                    yield null;
                }
                nextPeriodicUpgrade = day + 20 + random.nextInt(41);
                yield releases.latestAt(day);
            }
            case NEVER -> null;
        };
        return target != null && Releases.compare(target, version) > 0 ? target : null;
    }

    private void onRestart(int day, String upgradeTo) {
        if (upgradeTo != null) {
            version = upgradeTo;
            if (random.nextDouble() < 0.25) {
                int current = NODE_2X.indexOf(nodejs);
                nodejs = NODE_2X.get(Math.min(NODE_2X.size() - 1, Math.max(current, 1) + 1));
            }
        }
        if (kind == Kind.DEV_BUILD || gitTestPlatform) {
            version = releases.latestAt(day) + "-git";
        } else if (kind == Kind.TEST_PLATFORM) {
            version = releases.latestAt(day);
        }
        if (random.nextDouble() < (laptop ? 0.3 : 0.05)) {
            ip = randomIp(random);
        }
    }

    private void grow(int day) {
        boolean settingUp = firstDay >= 0 && day - firstDay < 45;
        users = Math.max(1, users + users * userGrowth * (0.5 + random.nextDouble()) + (settingUp ? 0.12 : 0));
        teams += (Math.max(1, users / usersPerTeam) - teams) * 0.2;
        projects = Math.max(0, projects + projects * projectGrowth * (0.5 + random.nextDouble())
                + (settingUp ? Math.max(0, targetProjects - projects) * 0.06 * random.nextDouble() * 2 : 0.002));
        if (settingUp && targetDevices > 0 && devices < targetDevices) {
            devices += Math.max(0.3, (targetDevices - devices) * 0.05 * random.nextDouble() * 2);
        }
        if (random.nextDouble() < 0.01) {
            projects = Math.max(0, projects - Math.max(1, projects * 0.05));
        }
        if (devices > 0) {
            devices = Math.max(0, devices + devices * deviceGrowth * (0.5 + random.nextDouble()) + (settingUp ? 0.3 : 0.01));
            if (random.nextDouble() < 0.01) {
                devices = Math.max(0, devices - Math.max(1, devices * 0.03));
            }
        } else if (kind == Kind.REGULAR && random.nextDouble() < (settingUp ? 0.03 : 0.004)) {
            devices = 1;
        }
        snapshots += projects * 0.03 * random.nextDouble() + devices * 0.002;
        if (random.nextDouble() < 0.08) {
            libraryEntries += 1;
        }
        if (!licenseType.equals("CE") && random.nextDouble() < 0.03) {
            sharedLibraryEntries += 1;
        }
        if (kind == Kind.REGULAR && licenseType.equals("CE") && random.nextDouble() < 0.0006) {
            licenseType = "EE";
            licenseId = uuid(random);
        }
        if (!emailEnabled && random.nextDouble() < 0.002) {
            emailEnabled = true;
        }
    }

    /** The ping as the collector stores it, with the fields this installation's version sends. */
    private Ping snapshot(LocalDateTime createdAt) {
        boolean has12 = Releases.atLeast(version, 1, 2);
        boolean has13 = Releases.atLeast(version, 1, 3);
        boolean has15 = Releases.atLeast(version, 1, 5);
        boolean has17 = Releases.atLeast(version, 1, 7);
        boolean has27 = Releases.atLeast(version, 2, 7);
        boolean has211 = Releases.atLeast(version, 2, 11);
        boolean has215 = Releases.atLeast(version, 2, 15);
        boolean licensed = has15 && !licenseType.equals("CE");
        int projectCount = (int) Math.round(projects);
        int deviceCount = (int) Math.round(devices);
        int neverSeen = (int) Math.round(deviceCount * neverSeenShare);
        int seenToday = Math.min(deviceCount - neverSeen,
                (int) Math.round(deviceCount * seenTodayShare * (0.92 + random.nextDouble() * 0.13)));
        return new Ping(
                createdAt,
                instanceId,
                ip,
                version,
                nodejs,
                osArch,
                osRelease,
                osType,
                driver,
                projectCount,
                (int) Math.max(1, Math.round(teams)),
                (int) Math.round(users),
                deviceCount,
                (int) Math.round(snapshots),
                templates,                      // the sender swaps the two names: projectStacks = template count
                stacks,                         // and projectTemplates = stack count
                has12 ? brokerEnabled : null,
                has12 ? emailEnabled : null,
                has12 ? fileStoreEnabled : null,
                has13 ? (int) Math.round(libraryEntries) : null,
                has13 ? (licensed ? (int) Math.round(sharedLibraryEntries) : 0) : null,
                has15 ? licenseId : null,
                has15 ? licenseType : null,
                // the columns below have DEFAULT 0: a ping without the field stores 0
                has17 ? (int) Math.round(projectCount * suspendedShare) : 0,
                has27 && licensed ? blueprints : 0,
                has211 && licensed ? (int) Math.round(deviceCount * brokerClientsPerDevice) : 0,
                has215 ? neverSeen : 0,
                has215 ? Math.max(0, seenToday) : 0,
                has215 && licensed ? remoteBrokers : 0);
    }

    private static double medianProjects(String driver) {
        return switch (driver) {
            case "kubernetes" -> 40;
            case "docker" -> 8;
            default -> 3;
        };
    }

    // --- what it runs on ---

    private static String[] pickOs(Kind kind, String driver, Random random) {
        double r = random.nextDouble();
        if (kind == Kind.DEV_BUILD) {
            return r < 0.6 ? mac(random) : linuxHost(random);
        }
        if (kind == Kind.TEST_PLATFORM) {
            return r < 0.6 ? new String[]{"Linux", "6.8.0-1017-azure", "x64"} : mac(random);
        }
        return switch (driver) {
            case "kubernetes" -> pick(random, new String[][]{
                    {"Linux", "5.10.225-213.878.amzn2.x86_64", "x64"},
                    {"Linux", "6.1.112-122.189.amzn2023.x86_64", "x64"},
                    {"Linux", "6.1.112-122.189.amzn2023.aarch64", "arm64"},
                    {"Linux", "5.15.0-1071-azure", "x64"},
                    {"Linux", "6.6.56+", "x64"},
                    {"Linux", "6.8.0-1017-gcp", "x64"}});
            // containers report Linux, with the host's kernel (linuxkit: Docker Desktop; microsoft: WSL2)
            case "docker" -> r < 0.2 ? new String[]{"Linux", "6.10.14-linuxkit", random.nextBoolean() ? "arm64" : "x64"}
                    : r < 0.3 ? new String[]{"Linux", "5.15.167.4-microsoft-standard-WSL2", "x64"}
                    : linuxHost(random);
            default -> r < 0.66 ? linuxHost(random) : r < 0.84 ? mac(random) : windows(random);
        };
    }

    private static String[] linuxHost(Random random) {
        return pick(random, new String[][]{
                {"Linux", "5.15.0-119-generic", "x64"},
                {"Linux", "6.8.0-52-generic", "x64"},
                {"Linux", "6.8.0-52-generic", "x64"},
                {"Linux", "6.1.0-28-amd64", "x64"},
                {"Linux", "5.10.0-32-amd64", "x64"},
                {"Linux", "4.18.0-553.el8_10.x86_64", "x64"},
                {"Linux", "5.14.0-427.13.1.el9_4.x86_64", "x64"},
                {"Linux", "6.12.20+rpt-rpi-v8", "arm64"},
                {"Linux", "6.6.51+rpt-rpi-v7", "arm"}});
    }

    private static String[] mac(Random random) {
        String release = pick(random, new String[]{"22.6.0", "23.6.0", "24.6.0", "24.6.0", "25.0.0"});
        return new String[]{"Darwin", release, random.nextDouble() < 0.8 ? "arm64" : "x64"};
    }

    private static String[] windows(Random random) {
        return new String[]{"Windows_NT", pick(random, new String[]{"10.0.19045", "10.0.22631", "10.0.26100"}), "x64"};
    }

    // --- random helpers ---

    private static <T> T pick(Random random, T[] options) {
        return options[random.nextInt(options.length)];
    }

    private static String weighted(List<String> options, double[] weights, Random random) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double roll = random.nextDouble() * total;
        for (int i = 0; i < options.size(); i++) {
            roll -= weights[i];
            if (roll <= 0) {
                return options.get(i);
            }
        }
        return options.get(options.size() - 1);
    }

    private static double lognormal(Random random, double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    /** Days until an event with the given daily probability happens (0 = today). */
    private static int geometric(Random random, double p) {
        double u = 1 - random.nextDouble();
        return (int) Math.floor(Math.log(u) / Math.log(1 - p));
    }

    static int poisson(Random random, double lambda) {
        double limit = Math.exp(-lambda);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }

    private static String uuid(Random random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;                    // version 4
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(most, least).toString();
    }

    /** Addresses from the documentation ranges (RFC 5737): realistic shape, nobody's real address. */
    private static String randomIp(Random random) {
        String[] nets = {"192.0.2.", "198.51.100.", "203.0.113."};
        return nets[random.nextInt(nets.length)] + (1 + random.nextInt(254));
    }
}
