package io.growthmetrics.kpi.view;

import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;
import io.growthmetrics.kpi.domain.InstallationDay;
import io.growthmetrics.kpi.domain.InstallationDays;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes consumed pings: each event once, and for each installation and day the latest ping. Marks the changed days
 * dirty so the refresh recomputes the daily views they reach (a late ping corrects its day and the days its activity
 * window covers).
 *
 * <p>A whole batch is one statement and one round trip: the batch goes in as one array per column ({@code unnest}),
 * the pings are inserted unless their event id is known ({@code ON CONFLICT DO NOTHING}, so a redelivered record, or
 * the same record stored by two instances during a rebalance, changes nothing and is never a constraint violation),
 * only the pings that were new reach {@code installation_day} (keep-the-later), and each day whose rows changed is
 * added to {@code view_dirty_day} (an insert: storing never waits for a refresh in progress). One statement is
 * atomic, so no explicit transaction is needed. The ping's envelope itself is not copied into the database: the topic
 * keeps every record for ever and is the record; a copy as {@code jsonb} was half of each row's cost (V7).
 */
@ApplicationScoped
public class PingStore {

    /**
     * The batch's columns, in the order of {@link #parameters}. The attributes are stored normalized in both tables
     * (absent values "unknown", absent counts 0), as {@link InstallationDays#of} reads them.
     */
    static final String STORE_BATCH = """
            WITH batch AS (
                SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::timestamptz[], $4::date[], $5::varchar[],
                                     $6::varchar[], $7::varchar[], $8::varchar[], $9::varchar[], $10::varchar[],
                                     $11::bigint[], $12::bigint[], $13::boolean[])
                    AS b(event_id, instance_id, received_at, day, source, platform_version, nodejs_version, os_type,
                         driver, license_type, hosted_instances, remote_instances, is_dev)
            ), fresh AS (
                INSERT INTO installation_ping (event_id, instance_id, received_at, day, source, platform_version,
                        nodejs_version, os_type, driver, license_type, hosted_instances, remote_instances)
                SELECT event_id, instance_id, received_at, day, source, platform_version,
                       nodejs_version, os_type, driver, license_type, hosted_instances, remote_instances
                FROM batch
                ON CONFLICT (event_id) DO NOTHING
                RETURNING event_id
            ), changed_days AS (
                INSERT INTO installation_day (day, instance_id, event_id, received_at, is_dev, driver, os_type,
                        platform_version, nodejs_version, license_type, hosted_instances, remote_instances)
                SELECT DISTINCT ON (b.day, b.instance_id)
                       b.day, b.instance_id, b.event_id, b.received_at, b.is_dev, b.driver, b.os_type,
                       b.platform_version, b.nodejs_version, b.license_type, b.hosted_instances, b.remote_instances
                FROM batch b JOIN fresh f ON f.event_id = b.event_id
                ORDER BY b.day, b.instance_id, b.received_at DESC, b.event_id DESC
                ON CONFLICT (day, instance_id) DO UPDATE SET
                    event_id = EXCLUDED.event_id, received_at = EXCLUDED.received_at, is_dev = EXCLUDED.is_dev,
                    driver = EXCLUDED.driver, os_type = EXCLUDED.os_type, platform_version = EXCLUDED.platform_version,
                    nodejs_version = EXCLUDED.nodejs_version, license_type = EXCLUDED.license_type,
                    hosted_instances = EXCLUDED.hosted_instances, remote_instances = EXCLUDED.remote_instances
                WHERE (EXCLUDED.received_at, EXCLUDED.event_id) > (installation_day.received_at, installation_day.event_id)
                RETURNING day
            ), marked AS (
                INSERT INTO view_dirty_day (view_name, day)
                SELECT DISTINCT $14, day FROM changed_days
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM fresh) AS stored, (SELECT count(*) FROM marked) AS marked
            """;

    /** What a batch changed. */
    public record Outcome(int stored, int duplicates) {
    }

    private final Pool pool;

    public PingStore(Pool pool) {
        this.pool = pool;
    }

    /** Stores the events in one statement; repeats (already stored, or twice in the batch) are skipped. */
    public Uni<Outcome> store(List<TelemetryPingEvent> events) {
        return store(events, ViewRefreshEntity.INSTALLATIONS);
    }

    /** As {@link #store(List)}, marking the given view's days dirty (a test marks its own). */
    Uni<Outcome> store(List<TelemetryPingEvent> events, String dirtyView) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new Outcome(0, 0));
        }
        return pool.preparedQuery(STORE_BATCH).execute(parameters(events, dirtyView))
                .map(rows -> {
                    int stored = rows.iterator().next().getLong("stored").intValue();
                    return new Outcome(stored, events.size() - stored);
                });
    }

    /** The batch as one array per column; a second copy of an event id in the batch is left out. */
    private static Tuple parameters(List<TelemetryPingEvent> events, String dirtyView) {
        Map<UUID, TelemetryPingEvent> byId = new LinkedHashMap<>();
        events.forEach(e -> byId.putIfAbsent(UUID.fromString(e.eventId()), e));
        int n = byId.size();
        UUID[] eventIds = new UUID[n];
        String[] instanceIds = new String[n];
        OffsetDateTime[] receivedAt = new OffsetDateTime[n];
        LocalDate[] days = new LocalDate[n];
        String[] sources = new String[n];
        String[] platformVersions = new String[n];
        String[] nodejsVersions = new String[n];
        String[] osTypes = new String[n];
        String[] drivers = new String[n];
        String[] licenseTypes = new String[n];
        Long[] hostedInstances = new Long[n];
        Long[] remoteInstances = new Long[n];
        Boolean[] isDev = new Boolean[n];
        int i = 0;
        for (Map.Entry<UUID, TelemetryPingEvent> entry : byId.entrySet()) {
            TelemetryPingEvent event = entry.getValue();
            InstallationDay day = InstallationDays.of(event);
            eventIds[i] = entry.getKey();
            instanceIds[i] = day.instanceId();
            receivedAt[i] = event.receivedAt().atOffset(ZoneOffset.UTC);
            days[i] = day.day();
            sources[i] = event.source();
            platformVersions[i] = day.platformVersion();
            nodejsVersions[i] = day.nodejsVersion();
            osTypes[i] = day.osType();
            drivers[i] = day.driver();
            licenseTypes[i] = day.licenseType();
            hostedInstances[i] = day.hostedInstances();
            remoteInstances[i] = day.remoteInstances();
            isDev[i] = day.isDev();
            i++;
        }
        return Tuple.from(new Object[] {eventIds, instanceIds, receivedAt, days, sources, platformVersions,
                nodejsVersions, osTypes, drivers, licenseTypes, hostedInstances, remoteInstances, isDev,
                dirtyView});
    }
}
