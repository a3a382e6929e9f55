package io.growthmetrics.kpi.view;

import io.growthmetrics.kpi.config.KpiConfig;
import io.growthmetrics.kpi.domain.DayRange;
import io.growthmetrics.kpi.domain.RefreshPacing;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Keeps {@code installations_daily} and {@code installations_breakdown_daily} equal to what the activity rules
 * give over {@code installation_day}: recomputes the days the stored changes reach ({@link DayRange}), also when the
 * day rolls over (installations go silent without any new ping), and everything when the activity window is
 * reconfigured. Days after tomorrow are invalid (the rules refuse them) and ignored; a refresh is bounded by
 * {@code kpi.refresh-timeout}.
 */
@ApplicationScoped
public class InstallationViewsRefresher {

    private static final Logger LOG = Logger.getLogger(InstallationViewsRefresher.class);

    /** Every batch since the last refresh left a row per changed day: the refresh needs each day once. */
    static final String CLAIM_DIRTY_DAYS = """
            WITH claimed AS (DELETE FROM view_dirty_day WHERE view_name = ?1 RETURNING day)
            SELECT DISTINCT day FROM claimed
            """;

    /**
     * Marks ever written by the consumers of every instance, and stores that changed the day they keep themselves
     * (the sequence only grows, whatever the refresh deletes): unchanged between two checks of a pause, nobody is
     * storing and the pause need not be waited out.
     */
    static final String MARKS_WRITTEN = "SELECT last_value FROM view_dirty_day_id_seq";

    /**
     * One day's rows of both views, computed by the database from {@code installation_day} (?1 the day, ?2 the
     * window in days): the rules of {@link io.growthmetrics.kpi.domain.ActivityTracker}, which the tests hold this
     * statement to. Active on D: a ping in [D − (window − 1), D], counted with its latest ping; the headline leaves
     * out installations whose latest ping is a developer build; added and removed compare with the day before.
     * Nothing of the population passes through the service: its memory and event loop stay free whatever the number
     * of installations, and the statement's cost is the window's rows, never the whole history.
     */
    static final String RECOMPUTE_DAY = """
            WITH today AS (
                SELECT DISTINCT ON (instance_id) instance_id, is_dev, driver, os_type, platform_version, nodejs_version,
                       license_type, hosted_instances, remote_instances
                FROM installation_day
                WHERE day BETWEEN CAST(?1 AS date) - (CAST(?2 AS integer) - 1) AND CAST(?1 AS date)
                ORDER BY instance_id, day DESC),
            yesterday AS (
                SELECT DISTINCT ON (instance_id) instance_id, is_dev
                FROM installation_day
                WHERE day BETWEEN CAST(?1 AS date) - CAST(?2 AS integer) AND CAST(?1 AS date) - 1
                ORDER BY instance_id, day DESC),
            members AS (
                SELECT v.include_dev, t.* FROM today t CROSS JOIN (VALUES (false), (true)) v(include_dev)
                WHERE v.include_dev OR NOT t.is_dev),
            members_before AS (
                SELECT v.include_dev, y.instance_id FROM yesterday y CROSS JOIN (VALUES (false), (true)) v(include_dev)
                WHERE v.include_dev OR NOT y.is_dev),
            daily AS (
                INSERT INTO installations_daily (day, include_dev, installations, hosted_instances, remote_instances,
                                                 added, removed)
                SELECT CAST(?1 AS date), v.include_dev,
                    (SELECT count(*) FROM members m WHERE m.include_dev = v.include_dev),
                    (SELECT coalesce(sum(m.hosted_instances), 0) FROM members m WHERE m.include_dev = v.include_dev),
                    (SELECT coalesce(sum(m.remote_instances), 0) FROM members m WHERE m.include_dev = v.include_dev),
                    (SELECT count(*) FROM members m WHERE m.include_dev = v.include_dev AND NOT EXISTS (
                        SELECT 1 FROM members_before b WHERE b.include_dev = m.include_dev AND b.instance_id = m.instance_id)),
                    (SELECT count(*) FROM members_before b WHERE b.include_dev = v.include_dev AND NOT EXISTS (
                        SELECT 1 FROM members m WHERE m.include_dev = b.include_dev AND m.instance_id = b.instance_id))
                FROM (VALUES (false), (true)) v(include_dev)
                RETURNING 1)
            INSERT INTO installations_breakdown_daily (day, include_dev, dimension, value, installations, hosted_instances,
                                                       remote_instances)
            SELECT CAST(?1 AS date), m.include_dev, d.dimension, d.value, count(*), sum(m.hosted_instances),
                   sum(m.remote_instances)
            FROM members m CROSS JOIN LATERAL (VALUES ('driver', m.driver), ('os', m.os_type),
                ('version', m.platform_version), ('nodejs', m.nodejs_version), ('license', m.license_type)) d(dimension, value)
            GROUP BY m.include_dev, d.dimension, d.value
            """;

    private final KpiConfig config;
    private final Clock clock;
    private final Timer refreshTimer;
    private final DistributionSummary refreshDays;
    private final RefreshPacing pacing;

    public InstallationViewsRefresher(KpiConfig config, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.clock = clock;
        this.refreshTimer = registry.timer("kpi.views.refresh", "view", ViewRefreshEntity.INSTALLATIONS);
        // With the timer: what a refresh's duration was spent on (a day of the window costs the same every time).
        this.refreshDays = DistributionSummary.builder("kpi.views.refresh.days").tag("view", ViewRefreshEntity.INSTALLATIONS)
                .description("Days recomputed by one refresh of the installations views").register(registry);
        this.pacing = new RefreshPacing(config.refreshBusyShare());
    }

    @Scheduled(every = "${kpi.refresh-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRefresh() {
        long start = System.nanoTime();
        Uni<Boolean> mayStart = pacing.mayStart(start) ? Uni.createFrom().item(true) : consumersQuiet();
        return mayStart.flatMap(go -> go ? refresh().onFailure().recoverWithItem(e -> {
            LOG.warn("Refreshing the installations views failed; retrying at the next interval", e);
            return null;
        }).invoke(() -> pacing.ran(start, System.nanoTime())).replaceWithVoid() : Uni.createFrom().voidItem());
    }

    /**
     * The store keeps the last computed day's rows itself (see {@link PingStore#STORE_BATCH}); each change is exact
     * given the installation's previous rows, which only its partition's consumer writes. Two instances storing the
     * same installation at once (a rebalance's overlap) could still miscount it: recomputing that day now and then
     * bounds how long such a miscount can last.
     */
    static final String RECHECK_KEPT_DAY = """
            INSERT INTO view_dirty_day (view_name, day)
            SELECT view_name, materialized_to FROM view_refresh WHERE view_name = ?1 AND materialized_to IS NOT NULL
            """;

    @Scheduled(every = "${kpi.kept-day-recheck-interval:10m}", delayed = "${kpi.kept-day-recheck-interval:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> recheckKeptDay() {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                        .createNativeQuery(RECHECK_KEPT_DAY).setParameter(1, ViewRefreshEntity.INSTALLATIONS)
                        .executeUpdate()))
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Could not mark the last computed day for its recheck; trying again later: %s",
                            e.toString());
                    return null;
                }).replaceWithVoid();
    }

    private Uni<Boolean> consumersQuiet() {
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session
                        .createNativeQuery(MARKS_WRITTEN, Long.class).getSingleResult()))
                .map(pacing::quiet)
                .onFailure().recoverWithItem(e -> {
                    LOG.debugf("Could not read whether the consumers are quiet, pausing on: %s", e.toString());
                    return false;
                });
    }

    /** Recomputes what is out of date; emits the range recomputed, or null when all was up to date. */
    public Uni<LocalDate[]> refresh() {
        long start = System.nanoTime();
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                        .find(ViewRefreshEntity.class, ViewRefreshEntity.INSTALLATIONS, LockMode.PESSIMISTIC_WRITE)
                        .flatMap(state -> claimDirtyDays(session).flatMap(dirty -> dataDays(session)
                                .flatMap(days -> plan(session, state, dirty, days))))))
                .ifNoItem().after(config.refreshTimeout()).fail()
                .invoke(range -> {
                    if (range != null) {
                        refreshTimer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
                        refreshDays.record(ChronoUnit.DAYS.between(range[0], range[1]) + 1);
                        LOG.debugf("Installations views recomputed for %s..%s", range[0], range[1]);
                    }
                });
    }

    /**
     * Takes the days the consumers marked since the last refresh (rows committed before this statement; later ones
     * stay for the next refresh). Deleted in this transaction: a refresh that fails gives them back.
     */
    private static Uni<List<LocalDate>> claimDirtyDays(Mutiny.Session session) {
        return session.createNativeQuery(CLAIM_DIRTY_DAYS, LocalDate.class)
                .setParameter(1, ViewRefreshEntity.INSTALLATIONS)
                .getResultList();
    }

    private Uni<LocalDate[]> dataDays(Mutiny.Session session) {
        return session.createSelectionQuery("select min(d.day), max(d.day) from InstallationDayEntity d "
                        + "where d.day <= :last", Object[].class)
                .setParameter("last", LocalDate.now(clock).plusDays(1))
                .getSingleResult()
                .map(r -> new LocalDate[] {(LocalDate) r[0], (LocalDate) r[1]});
    }

    private Uni<LocalDate[]> plan(Mutiny.Session session, ViewRefreshEntity state, List<LocalDate> dirtyDays,
            LocalDate[] dataDays) {
        if (dataDays[0] == null) {
            return Uni.createFrom().nullItem();
        }
        int window = config.activeWindowDays();
        LocalDate today = LocalDate.now(clock);
        // Never beyond tomorrow (a day the rules allow for a skewed clock): a dirty 9999-12-31 left by an old import
        // must not make a refresh compute millions of days; such days are invalid and ignored.
        LocalDate last = dataDays[1].isAfter(today) ? dataDays[1] : today;
        DayRange range;
        if (state.windowDays == null || state.windowDays != window || state.materializedTo == null) {
            range = new DayRange(dataDays[0], last);
        } else {
            range = DayRange.toRecompute(dirtyDays, state.dirtyFrom, state.materializedTo, window, today, last);
        }
        if (range != null && range.from().isAfter(range.to())) {
            return session.createMutationQuery("update ViewRefreshEntity set dirtyFrom = null where viewName = :view")
                    .setParameter("view", ViewRefreshEntity.INSTALLATIONS).executeUpdate()
                    .replaceWith((LocalDate[]) null);
        }
        if (range == null) {
            return Uni.createFrom().nullItem();
        }
        // A long range is recomputed a chunk per transaction: the rest is left as dirty from the day after the chunk
        // (recomputed up to the last day), so a year's backlog never makes one transaction outlast the timeout, roll
        // back and come back longer.
        DayRange step = range.first(config.installationsRefreshChunkDays());
        LocalDate from = step.from();
        LocalDate to = step.to();
        LocalDate rest = to.isBefore(range.to()) ? to.plusDays(1) : null;
        LocalDate materializedTo = state.materializedTo != null && state.materializedTo.isAfter(to)
                ? state.materializedTo : to;
        LocalDate materializedFrom = state.materializedFrom == null || from.isBefore(state.materializedFrom)
                ? from : state.materializedFrom;
        // The views were rewritten by native statements: the bookkeeping is written by a statement too.
        return recompute(session, window, from, to)
                .chain(() -> session.createMutationQuery("update ViewRefreshEntity set dirtyFrom = :rest, "
                                + "windowDays = :window, materializedFrom = :from, materializedTo = :to where viewName = :view")
                        .setParameter("rest", rest)
                        .setParameter("window", window).setParameter("from", materializedFrom)
                        .setParameter("to", materializedTo)
                        .setParameter("view", ViewRefreshEntity.INSTALLATIONS)
                        .executeUpdate())
                .replaceWith(new LocalDate[] {from, to});
    }

    /** Rebuilds [from, to] with this window, outside the bookkeeping: the tests hold the SQL to the Java rules. */
    Uni<Void> recomputeWith(int window, LocalDate from, LocalDate to) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> recompute(session, window, from, to)));
    }

    /** Replaces the views' rows of [from, to], day after day, each by one statement ({@link #RECOMPUTE_DAY}). */
    private Uni<Void> recompute(Mutiny.Session session, int window, LocalDate from, LocalDate to) {
        return session.createMutationQuery("delete from InstallationsDailyEntity where day between :from and :to")
                .setParameter("from", from).setParameter("to", to).executeUpdate()
                .chain(() -> session.createMutationQuery(
                                "delete from InstallationsBreakdownEntity where day between :from and :to")
                        .setParameter("from", from).setParameter("to", to).executeUpdate())
                .chain(() -> Multi.createFrom().iterable(from.datesUntil(to.plusDays(1)).toList())
                        .onItem().transformToUniAndConcatenate(day -> session.createNativeQuery(RECOMPUTE_DAY)
                                .setParameter(1, day).setParameter(2, window).executeUpdate())
                        .collect().last())
                .replaceWithVoid();
    }
}
