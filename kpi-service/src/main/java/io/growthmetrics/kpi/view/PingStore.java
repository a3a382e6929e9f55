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
 * added to {@code view_dirty_day} (an insert: storing waits for no refresh, but one of the kept day below). One
 * statement is atomic, so no explicit transaction is needed. The ping's envelope itself is not copied into the
 * database: the topic keeps every record for ever and is the record; a copy as {@code jsonb} was half of each row's
 * cost (V7).
 *
 * <p>Except the last computed day t ({@code view_refresh.materialized_to}, normally today): its rows are kept up to
 * date by the statement itself, so a ping is visible once stored instead of at the next paced refresh
 * (docs/architecture.md). A ping of t reaches no later computed day, so its installation's change on t is all there
 * is to apply: what it counted for on t before and what it counts for now, as differences added to t's rows. Locks
 * are taken in one order by stores and refreshes alike, t's two {@code installations_daily} rows first (a refresh
 * deletes them before the breakdown rows; a store writes them, even unchanged, before any breakdown row, in key order):
 * so a store and a refresh of t, or two stores, wait for each other and never deadlock, and a store never inserts a
 * breakdown row the refresh is about to insert.
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
            ), kept AS (
                -- the day the views end on (t) and their window (w); no row while they were never computed
                SELECT materialized_to AS t, window_days AS w FROM view_refresh
                WHERE view_name = $14 AND materialized_to IS NOT NULL AND window_days IS NOT NULL
            ), fresh AS (
                INSERT INTO installation_ping (event_id, instance_id, received_at, day, source, platform_version,
                        nodejs_version, os_type, driver, license_type, hosted_instances, remote_instances)
                SELECT event_id, instance_id, received_at, day, source, platform_version,
                       nodejs_version, os_type, driver, license_type, hosted_instances, remote_instances
                FROM batch
                ON CONFLICT (event_id) DO NOTHING
                RETURNING event_id
            ), latest AS (
                SELECT DISTINCT ON (b.day, b.instance_id) b.*
                FROM batch b JOIN fresh f ON f.event_id = b.event_id
                ORDER BY b.day, b.instance_id, b.received_at DESC, b.event_id DESC
            ), changed_days AS (
                INSERT INTO installation_day (day, instance_id, event_id, received_at, is_dev, driver, os_type,
                        platform_version, nodejs_version, license_type, hosted_instances, remote_instances)
                SELECT day, instance_id, event_id, received_at, is_dev, driver, os_type,
                       platform_version, nodejs_version, license_type, hosted_instances, remote_instances
                FROM latest
                ON CONFLICT (day, instance_id) DO UPDATE SET
                    event_id = EXCLUDED.event_id, received_at = EXCLUDED.received_at, is_dev = EXCLUDED.is_dev,
                    driver = EXCLUDED.driver, os_type = EXCLUDED.os_type, platform_version = EXCLUDED.platform_version,
                    nodejs_version = EXCLUDED.nodejs_version, license_type = EXCLUDED.license_type,
                    hosted_instances = EXCLUDED.hosted_instances, remote_instances = EXCLUDED.remote_instances
                WHERE (EXCLUDED.received_at, EXCLUDED.event_id) > (installation_day.received_at, installation_day.event_id)
                RETURNING installation_day.*
            ), marked AS (
                -- day t is kept up to date below; any other day is recomputed by the refresh
                INSERT INTO view_dirty_day (view_name, day)
                SELECT DISTINCT $14, day FROM changed_days
                WHERE day IS DISTINCT FROM (SELECT t FROM kept)
                RETURNING 1
            ), prior AS (
                -- per changed installation of day t, from the rows as they were before this statement (the
                -- statement's own writes are not visible to it): what it counted for on t (its replaced row of t,
                -- else its latest row of the window's earlier days) and what the day before counted (its latest
                -- row of [t - w, t - 1]), for added and removed
                SELECT c.*, r.instance_id IS NOT NULL AS had_row, r.is_dev AS r_is_dev,
                       e.instance_id IS NOT NULL AS had_before, e.is_dev AS e_is_dev, e.day >= k.t - (k.w - 1) AS e_in_window,
                       coalesce(r.driver, e.driver) AS was_driver, coalesce(r.os_type, e.os_type) AS was_os_type,
                       coalesce(r.platform_version, e.platform_version) AS was_version,
                       coalesce(r.nodejs_version, e.nodejs_version) AS was_nodejs,
                       coalesce(r.license_type, e.license_type) AS was_license,
                       coalesce(r.hosted_instances, e.hosted_instances) AS was_hosted,
                       coalesce(r.remote_instances, e.remote_instances) AS was_remote
                FROM changed_days c JOIN kept k ON c.day = k.t
                LEFT JOIN installation_day r ON r.day = k.t AND r.instance_id = c.instance_id
                LEFT JOIN LATERAL (
                    SELECT * FROM installation_day e
                    WHERE e.instance_id = c.instance_id AND e.day BETWEEN k.t - k.w AND k.t - 1
                    ORDER BY e.day DESC LIMIT 1) e ON true
            ), counted AS (
                SELECT p.*, flavour.include_dev,
                       flavour.include_dev OR NOT p.is_dev AS now_in,
                       CASE WHEN p.had_row THEN flavour.include_dev OR NOT p.r_is_dev
                            WHEN p.e_in_window THEN flavour.include_dev OR NOT p.e_is_dev
                            ELSE false END AS was_in,
                       p.had_before AND (flavour.include_dev OR NOT p.e_is_dev) AS before_in
                FROM prior p CROSS JOIN (VALUES (false), (true)) flavour(include_dev)
            ), moves AS (
                SELECT c.*, now_in <> was_in OR now_in AND (driver, os_type, platform_version, nodejs_version,
                        license_type, hosted_instances, remote_instances) IS DISTINCT FROM (was_driver, was_os_type,
                        was_version, was_nodejs, was_license, was_hosted, was_remote) AS moved
                FROM counted c
            ), daily AS (
                INSERT INTO installations_daily AS v (day, include_dev, installations, hosted_instances,
                                                      remote_instances, added, removed)
                SELECT (SELECT t FROM kept), include_dev,
                       sum(now_in::int - was_in::int),
                       sum(CASE WHEN now_in THEN hosted_instances ELSE 0 END
                           - CASE WHEN was_in THEN was_hosted ELSE 0 END),
                       sum(CASE WHEN now_in THEN remote_instances ELSE 0 END
                           - CASE WHEN was_in THEN was_remote ELSE 0 END),
                       sum((now_in AND NOT before_in)::int - (was_in AND NOT before_in)::int),
                       sum((before_in AND NOT now_in)::int - (before_in AND NOT was_in)::int)
                FROM moves GROUP BY include_dev ORDER BY include_dev
                ON CONFLICT (day, include_dev) DO UPDATE SET
                    installations = v.installations + EXCLUDED.installations,
                    hosted_instances = v.hosted_instances + EXCLUDED.hosted_instances,
                    remote_instances = v.remote_instances + EXCLUDED.remote_instances,
                    added = v.added + EXCLUDED.added, removed = v.removed + EXCLUDED.removed
                RETURNING 1
            ), breakdown AS (
                INSERT INTO installations_breakdown_daily AS v (day, include_dev, dimension, value, installations,
                                                                hosted_instances, remote_instances)
                SELECT (SELECT t FROM kept), include_dev, dimension, value, sum(n), sum(hosted), sum(remote)
                FROM (SELECT m.include_dev, d.dimension, d.value, 1 AS n, m.hosted_instances AS hosted,
                             m.remote_instances AS remote
                      FROM moves m CROSS JOIN LATERAL (VALUES ('driver', m.driver), ('os', m.os_type),
                          ('version', m.platform_version), ('nodejs', m.nodejs_version), ('license', m.license_type))
                          d(dimension, value)
                      WHERE m.moved AND m.now_in
                      UNION ALL
                      SELECT m.include_dev, d.dimension, d.value, -1, -m.was_hosted, -m.was_remote
                      FROM moves m CROSS JOIN LATERAL (VALUES ('driver', m.was_driver), ('os', m.was_os_type),
                          ('version', m.was_version), ('nodejs', m.was_nodejs), ('license', m.was_license))
                          d(dimension, value)
                      WHERE m.moved AND m.was_in) AS contributions
                WHERE (SELECT count(*) FROM daily) > 0 -- after t's daily rows are locked: see the class comment
                GROUP BY include_dev, dimension, value
                HAVING sum(n) <> 0 OR sum(hosted) <> 0 OR sum(remote) <> 0
                ORDER BY include_dev, dimension, value
                ON CONFLICT (day, include_dev, dimension, value) DO UPDATE SET
                    installations = v.installations + EXCLUDED.installations,
                    hosted_instances = v.hosted_instances + EXCLUDED.hosted_instances,
                    remote_instances = v.remote_instances + EXCLUDED.remote_instances
                RETURNING 1
            ), kept_changed AS (
                -- moves the counter of changes a paused refresh watches (MARKS_WRITTEN), as a mark would: a store
                -- of today is activity the refresh must keep yielding to
                SELECT nextval('view_dirty_day_id_seq') FROM (SELECT 1 FROM daily LIMIT 1) AS any_daily
            )
            SELECT (SELECT count(*) FROM fresh) AS stored, (SELECT count(*) FROM marked) AS marked,
                   (SELECT count(*) FROM kept_changed) AS kept_changed -- read, so it runs (it modifies no table)
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
