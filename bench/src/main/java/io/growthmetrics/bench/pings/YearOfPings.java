package io.growthmetrics.bench.pings;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A year (or any number of days) of pings of a population of installations, day by day in time order, as
 * telemetry-ingest would have published them ({@link TelemetryPingEvent} v1, key = instanceId), and, computed
 * independently of kpi-service from what was generated, each day's figures by the documented rules: active on D
 * when it pinged in [D − 6, D], counted with its latest ping (hosted = projects, remote = devices), developer
 * builds and stub platforms only in {@code includeDev}; added / removed against the day before.
 *
 * <p>Population: 80 % of installations run all year, 10 % start during it, 10 % stop during it; each is off on
 * 4 % of days; one ping a day at a random time, and one more on 12 % of days (a restart). About 353 pings per
 * installation: 50,000 installations make about 17.7 million pings.
 */
public final class YearOfPings {

    /** The figures of one day, one mode ({@code includeDev} or not). */
    public record Figures(long installations, long hosted, long remote, long added, long removed) {
        public Figures plus(Figures o) {
            return new Figures(installations + o.installations, hosted + o.hosted, remote + o.remote,
                    added + o.added, removed + o.removed);
        }
    }

    /** Receives each generated record, in order. */
    public interface Sink {
        void accept(String key, byte[] value) throws InterruptedException;
    }

    private static final int WINDOW_DAYS = 7;
    private static final int NONE = Integer.MIN_VALUE / 2;
    /** A day's pings are sorted by (microsecond of the day, installation): 37 bits, then 26. */
    private static final int INDEX_BITS = 26;

    private final int installations;
    private final int days;
    private final LocalDate lastDay;
    private final long seed;
    private final FreshIds ids;
    /** [day][0 = headline, 1 = includeDev] */
    private final Figures[][] expected;
    private long records;
    private long bytes;

    public YearOfPings(int installations, int days, LocalDate lastDay, long seed, FreshIds ids) {
        if (installations >= 1 << INDEX_BITS) {
            throw new IllegalArgumentException("at most " + ((1 << INDEX_BITS) - 1) + " installations");
        }
        this.installations = installations;
        this.days = days;
        this.lastDay = lastDay;
        this.seed = seed;
        this.ids = ids;
        this.expected = new Figures[days][2];
    }

    public LocalDate firstDay() {
        return lastDay.minusDays(days - 1L);
    }

    public LocalDate lastDay() {
        return lastDay;
    }

    public int days() {
        return days;
    }

    /** Generates every record into {@code sink}, computing the expected figures as it goes. */
    public void generate(Sink sink) throws InterruptedException {
        Random random = new Random(seed);
        Installation[] population = new Installation[installations];
        int[] startDay = new int[installations];
        int[] endDay = new int[installations];
        int[] lastPing = new int[installations];
        long[] projects = new long[installations];
        long[] devices = new long[installations];
        boolean[] dev = new boolean[installations];
        boolean[][] activeBefore = {new boolean[installations], new boolean[installations]};
        Arrays.fill(lastPing, NONE);
        for (int i = 0; i < installations; i++) {
            double life = random.nextDouble();
            startDay[i] = life < 0.1 ? 1 + random.nextInt(Math.max(1, days - 1)) : 0;
            endDay[i] = life >= 0.1 && life < 0.2 ? random.nextInt(Math.max(1, days - 1)) : days - 1;
        }
        long[] today = new long[installations * 2];
        for (int day = 0; day < days; day++) {
            int n = 0;
            for (int i = 0; i < installations; i++) {
                if (day < startDay[i] || day > endDay[i]) {
                    continue;
                }
                if (population[i] == null) {
                    population[i] = new Installation(ids.id(i), random, day, days, false);
                } else {
                    population[i].nextDay(day, days, random);
                }
                if (random.nextDouble() < 0.04 && day != startDay[i]) {
                    continue; // switched off today
                }
                today[n++] = (microOfDay(random) << INDEX_BITS) | i;
                if (random.nextDouble() < 0.12) {
                    today[n++] = (microOfDay(random) << INDEX_BITS) | i;
                }
            }
            Arrays.sort(today, 0, n);
            LocalDate date = firstDay().plusDays(day);
            long midnight = date.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            for (int k = 0; k < n; k++) {
                int i = (int) (today[k] & ((1L << INDEX_BITS) - 1));
                long micros = today[k] >>> INDEX_BITS;
                Installation installation = population[i];
                Instant receivedAt = Instant.ofEpochSecond(midnight + micros / 1_000_000, micros % 1_000_000 * 1000L);
                TelemetryPingEvent event = new TelemetryPingEvent(TelemetryPingEvent.SCHEMA_VERSION,
                        new UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                                random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString(),
                        receivedAt, TelemetryPingEvent.SOURCE_PING, installation.senderIpHash(), installation.ping(),
                        Map.of());
                byte[] value;
                try {
                    value = EventJson.mapper().writeValueAsBytes(event);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
                records++;
                bytes += value.length;
                sink.accept(installation.instanceId(), value);
                lastPing[i] = day;
                projects[i] = installation.projects();
                devices[i] = installation.devicesSent();
                dev[i] = installation.dev();
            }
            expected[day] = figures(day, lastPing, projects, devices, dev, activeBefore);
        }
    }

    private static long microOfDay(Random random) {
        return (long) (random.nextDouble() * 86_400_000_000L);
    }

    private Figures[] figures(int day, int[] lastPing, long[] projects, long[] devices, boolean[] dev,
                              boolean[][] activeBefore) {
        long[][] f = new long[2][5];
        for (int i = 0; i < installations; i++) {
            boolean active = lastPing[i] != NONE && lastPing[i] >= day - (WINDOW_DAYS - 1);
            for (int mode = 0; mode < 2; mode++) {
                boolean counted = active && (mode == 1 || !dev[i]);
                if (counted) {
                    f[mode][0]++;
                    f[mode][1] += projects[i];
                    f[mode][2] += devices[i];
                    if (!activeBefore[mode][i]) {
                        f[mode][3]++;
                    }
                } else if (activeBefore[mode][i]) {
                    f[mode][4]++;
                }
                activeBefore[mode][i] = counted;
            }
        }
        return new Figures[] {
                new Figures(f[0][0], f[0][1], f[0][2], f[0][3], f[0][4]),
                new Figures(f[1][0], f[1][1], f[1][2], f[1][3], f[1][4])};
    }

    /** The expected figures of {@code date} (after {@link #generate}), {@code includeDev} or not. */
    public Figures expected(LocalDate date, boolean includeDev) {
        int day = (int) (date.toEpochDay() - firstDay().toEpochDay());
        return expected[day][includeDev ? 1 : 0];
    }

    public long records() {
        return records;
    }

    public long bytes() {
        return bytes;
    }
}
