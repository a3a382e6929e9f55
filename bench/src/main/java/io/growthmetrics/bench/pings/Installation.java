package io.growthmetrics.bench.pings;

import io.growthmetrics.contracts.telemetry.TelemetryPing;

import java.util.List;
import java.util.Random;

/**
 * One simulated FlowFuse installation: what it runs on, its release (older ones send fewer fields), its counts
 * (growing), its upgrade habit. {@link #ping()} is the ping it sends today, in the typed shape of the contracts.
 */
public final class Installation {

    public enum Kind { REGULAR, DEV_BUILD, TEST_PLATFORM }

    private enum Upgrades { EAGER, PERIODIC, NEVER }

    private static final List<String> NODE = List.of("v16.20.2", "v18.20.4", "v18.20.8", "v20.11.1", "v20.18.1",
            "v20.19.4", "v22.12.0", "v22.17.1");
    private static final String[] LINUX = {"5.15.0-119-generic", "6.8.0-52-generic", "6.1.0-28-amd64",
            "5.10.0-33-cloud-amd64", "6.6.87.2-microsoft-standard", "6.10.14-linuxkit", "4.18.0-553.el8_10.x86_64"};
    private static final String[] DARWIN = {"22.6.0", "23.6.0", "24.6.0"};
    private static final String[] WINDOWS = {"10.0.19045", "10.0.22621", "10.0.26100"};

    final String instanceId;
    final Kind kind;
    final String senderIpHash;
    private final String driver;
    private final String osType;
    private final String osRelease;
    private final String osArch;
    private String nodejs;
    private String version;
    private String licenseType;
    private String licenseId;
    private final boolean broker;
    private final boolean fileStore;
    private final boolean email;
    private final Upgrades upgrades;
    private final int upgradeLag;

    private double users;
    private double teams;
    private double projects;
    private final double suspendedShare;
    private double devices;
    private final double neverSeenShare;
    private final double seenTodayShare;
    private double snapshots;
    private final int stacks;
    private final int templates;
    private double libraryEntries;
    private final int blueprints;
    private final int sharedLibraryEntries;
    private final double brokerClientsPerDevice;
    private final int remoteBrokers;
    private final double growth;

    /**
     * @param day  the day it is created on (0 = first day of the year being generated; negative = before)
     * @param days the length of that year
     */
    public Installation(String instanceId, Random random, int day, int days, boolean regularOnly) {
        this.instanceId = instanceId;
        double k = random.nextDouble();
        kind = regularOnly || k < 0.96 ? Kind.REGULAR : k < 0.985 ? Kind.DEV_BUILD : Kind.TEST_PLATFORM;
        senderIpHash = hex(random, 64);
        double d = random.nextDouble();
        driver = switch (kind) {
            case TEST_PLATFORM -> "stub";
            case DEV_BUILD -> d < 0.85 ? "localfs" : "docker";
            case REGULAR -> d < 0.56 ? "localfs" : d < 0.86 ? "docker" : "kubernetes";
        };
        boolean container = !driver.equals("localfs");
        double o = random.nextDouble();
        if (container || o < 0.7) {
            osType = "Linux";
            osRelease = LINUX[random.nextInt(LINUX.length)];
            osArch = random.nextDouble() < 0.82 ? "x64" : random.nextDouble() < 0.8 ? "arm64" : "arm";
        } else if (o < 0.88) {
            osType = "Darwin";
            osRelease = DARWIN[random.nextInt(DARWIN.length)];
            osArch = random.nextDouble() < 0.7 ? "arm64" : "x64";
        } else {
            osType = "Windows_NT";
            osRelease = WINDOWS[random.nextInt(WINDOWS.length)];
            osArch = "x64";
        }
        double v = random.nextDouble();
        if (v < 0.10) {
            // an old release that never upgrades (older ones rarer)
            int i = Math.max(random.nextInt(Releases.OLD.size()), random.nextInt(Releases.OLD.size()));
            version = Releases.OLD.get(i);
            upgrades = Upgrades.NEVER;
        } else {
            version = random.nextDouble() < 0.7 ? Releases.latestAt(day, days)
                    : Releases.DURING_YEAR.get(Math.max(0, Releases.latestIndexAt(day, days) - 1 - random.nextInt(3)));
            double u = random.nextDouble();
            upgrades = u < 0.35 ? Upgrades.EAGER : u < 0.8 ? Upgrades.PERIODIC : Upgrades.NEVER;
        }
        if (kind == Kind.DEV_BUILD) {
            version = version + "-git";
        }
        upgradeLag = 1 + random.nextInt(upgrades == Upgrades.EAGER ? 7 : 60);
        nodejs = Releases.atLeast(version, 2, 0) ? NODE.get(1 + random.nextInt(NODE.size() - 1)) : NODE.get(0);
        double l = random.nextDouble();
        licenseType = kind == Kind.DEV_BUILD ? "DEV" : l < 0.82 ? "CE" : l < 0.97 ? "EE" : "DEV";
        licenseId = licenseType.equals("CE") ? "" : uuid(random);
        broker = random.nextDouble() < 0.75;
        fileStore = container && random.nextDouble() < 0.6;
        email = random.nextDouble() < 0.55;

        double size = Math.exp(random.nextGaussian() * 1.2);
        users = Math.max(1, Math.round(3 * size + random.nextInt(3)));
        teams = Math.max(1, Math.round(users / (2 + random.nextDouble() * 4)));
        projects = Math.max(0, Math.round(4 * size * (0.5 + random.nextDouble())));
        suspendedShare = random.nextDouble() * 0.2;
        devices = random.nextDouble() < 0.4 ? 0 : Math.round(12 * size * random.nextDouble() * 3);
        neverSeenShare = random.nextDouble() * 0.15;
        seenTodayShare = 0.5 + random.nextDouble() * 0.45;
        snapshots = Math.round(projects * (1 + random.nextDouble() * 8));
        stacks = 1 + random.nextInt(4);
        templates = 1 + random.nextInt(3);
        libraryEntries = Math.round(projects * random.nextDouble() * 3);
        boolean licensed = !licenseType.equals("CE");
        blueprints = licensed ? random.nextInt(12) : 0;
        sharedLibraryEntries = licensed ? random.nextInt(40) : 0;
        brokerClientsPerDevice = licensed ? random.nextDouble() * 0.4 : 0;
        remoteBrokers = licensed ? random.nextInt(4) : 0;
        growth = 1 + random.nextDouble() * 0.004;
    }

    /** Moves to the next day: counts grow a little, a release may be installed. */
    public void nextDay(int day, int days, Random random) {
        users *= growth;
        projects *= growth;
        devices *= growth * (1 + random.nextDouble() * 0.002);
        snapshots += random.nextDouble() < 0.1 ? 1 : 0;
        libraryEntries += random.nextDouble() < 0.02 ? 1 : 0;
        if (random.nextDouble() < 0.002) {
            teams += 1;
        }
        if (upgrades == Upgrades.NEVER) {
            return;
        }
        String latest = Releases.latestAt(day - upgradeLag, days);
        boolean git = version.endsWith("-git");
        String core = git ? version.substring(0, version.length() - 4) : version;
        boolean due = upgrades == Upgrades.EAGER || random.nextDouble() < 1.0 / 60;
        if (due && Releases.DURING_YEAR.indexOf(latest) > Releases.DURING_YEAR.indexOf(core)) {
            version = git ? latest + "-git" : latest;
            if (random.nextDouble() < 0.1) {
                nodejs = NODE.get(4 + random.nextInt(NODE.size() - 4));
            }
        }
    }

    public String instanceId() {
        return instanceId;
    }

    public Kind kind() {
        return kind;
    }

    public String senderIpHash() {
        return senderIpHash;
    }

    /** Counted in the headline figures: not a developer build (-git), not a stub-driver test platform. */
    public boolean dev() {
        return version.endsWith("-git") || driver.equals("stub");
    }

    public long projects() {
        return Math.round(projects);
    }

    /** What {@link #ping()} sends as {@code platform.counts.devices} (0 when its release does not send it). */
    public long devicesSent() {
        return Releases.atLeast(version, 0, 6) ? Math.round(devices) : 0;
    }

    /** Today's ping with this installation's id. */
    public TelemetryPing ping() {
        return ping(instanceId);
    }

    /** Today's ping, with the fields its release sends, under {@code id}. */
    public TelemetryPing ping(String id) {
        boolean v06 = Releases.atLeast(version, 0, 6);
        boolean v12 = Releases.atLeast(version, 1, 2);
        boolean v13 = Releases.atLeast(version, 1, 3);
        boolean v15 = Releases.atLeast(version, 1, 5);
        boolean v17 = Releases.atLeast(version, 1, 7);
        boolean v27 = Releases.atLeast(version, 2, 7);
        boolean v211 = Releases.atLeast(version, 2, 11);
        boolean v215 = Releases.atLeast(version, 2, 15);
        long p = Math.round(projects);
        long dv = Math.round(devices);
        TelemetryPing.Counts counts = new TelemetryPing.Counts(
                Math.round(users), Math.round(teams), p,
                v17 ? new TelemetryPing.ProjectsByState(Math.round(p * suspendedShare)) : null,
                v06 ? dv : null,
                v215 ? new TelemetryPing.DevicesByLastSeen(Math.round(dv * neverSeenShare), Math.round(dv * seenTodayShare)) : null,
                v06 ? Math.round(snapshots) : null,
                v06 ? (long) stacks : null,
                v06 ? (long) templates : null,
                v13 ? Math.round(libraryEntries) : null,
                v27 ? (long) blueprints : null,
                v13 ? (long) sharedLibraryEntries : null,
                v211 ? Math.round(dv * brokerClientsPerDevice) : null,
                v215 ? (long) remoteBrokers : null);
        TelemetryPing.Config config = new TelemetryPing.Config(driver,
                v12 ? new TelemetryPing.Toggle(broker) : null,
                v12 ? new TelemetryPing.Toggle(fileStore) : null,
                v12 ? new TelemetryPing.Toggle(email) : null);
        TelemetryPing.License license = v15 ? new TelemetryPing.License(licenseId, licenseType) : null;
        return new TelemetryPing(id, new TelemetryPing.Os(osType, osRelease, osArch),
                new TelemetryPing.Env(nodejs, version), new TelemetryPing.Platform(counts, config, license));
    }

    static String hex(Random random, int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = Character.forDigit(random.nextInt(16), 16);
        }
        return new String(c);
    }

    static String uuid(Random random) {
        return new java.util.UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString();
    }
}
