package io.growthmetrics.kpi.view;

import io.growthmetrics.kpi.config.KpiConfig;
import io.growthmetrics.kpi.domain.ActivityTracker;
import io.growthmetrics.kpi.domain.DayFigures;
import io.growthmetrics.kpi.domain.Dimension;
import io.growthmetrics.kpi.domain.InstallationDay;
import io.growthmetrics.kpi.domain.Totals;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@code installations_daily} and {@code installations_breakdown_daily} equal to what the activity rules
 * give over {@code installation_day}: recomputes from the earliest dirty day up to today, also when the day rolls
 * over (installations go silent without any new ping) or the activity window is reconfigured. Days after tomorrow
 * are invalid (the rules refuse them) and ignored; a refresh is bounded by {@code kpi.refresh-timeout}.
 */
@ApplicationScoped
public class InstallationViewsRefresher {

    private static final Logger LOG = Logger.getLogger(InstallationViewsRefresher.class);

    private static final String ROWS_OF_DAYS = "select new io.growthmetrics.kpi.domain.InstallationDay("
            + "d.day, d.instanceId, d.driver, d.osType, d.platformVersion, d.nodejsVersion, d.licenseType, "
            + "d.hostedInstances, d.remoteInstances) from InstallationDayEntity d "
            + "where d.day between :from and :to order by d.day, d.instanceId";

    private final KpiConfig config;
    private final Clock clock;
    private final Timer refreshTimer;

    public InstallationViewsRefresher(KpiConfig config, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.clock = clock;
        this.refreshTimer = registry.timer("kpi.views.refresh", "view", ViewRefreshEntity.INSTALLATIONS);
    }

    @Scheduled(every = "${kpi.refresh-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRefresh() {
        return refresh().onFailure().recoverWithItem(e -> {
            LOG.warn("Refreshing the installations views failed; retrying at the next interval", e);
            return null;
        }).replaceWithVoid();
    }

    /** Recomputes what is out of date; emits the range recomputed, or null when all was up to date. */
    public Uni<LocalDate[]> refresh() {
        long start = System.nanoTime();
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                        .find(ViewRefreshEntity.class, ViewRefreshEntity.INSTALLATIONS, LockMode.PESSIMISTIC_WRITE)
                        .flatMap(state -> dataDays(session).flatMap(days -> plan(session, state, days)))))
                .ifNoItem().after(config.refreshTimeout()).fail()
                .invoke(range -> {
                    if (range != null) {
                        refreshTimer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
                        LOG.debugf("Installations views recomputed for %s..%s", range[0], range[1]);
                    }
                });
    }

    private Uni<LocalDate[]> dataDays(Mutiny.Session session) {
        return session.createSelectionQuery("select min(d.day), max(d.day) from InstallationDayEntity d "
                        + "where d.day <= :last", Object[].class)
                .setParameter("last", LocalDate.now(clock).plusDays(1))
                .getSingleResult()
                .map(r -> new LocalDate[] {(LocalDate) r[0], (LocalDate) r[1]});
    }

    private Uni<LocalDate[]> plan(Mutiny.Session session, ViewRefreshEntity state, LocalDate[] dataDays) {
        if (dataDays[0] == null) {
            return Uni.createFrom().nullItem();
        }
        int window = config.activeWindowDays();
        LocalDate today = LocalDate.now(clock);
        LocalDate from = state.dirtyFrom;
        if (state.windowDays == null || state.windowDays != window || state.materializedTo == null) {
            from = dataDays[0];
        } else if (state.materializedTo.isBefore(today)) {
            LocalDate next = state.materializedTo.plusDays(1);
            from = from == null || next.isBefore(from) ? next : from;
        }
        // Never beyond tomorrow (a day the rules allow for a skewed clock): a dirty 9999-12-31 left by an old import
        // must not make a refresh compute millions of days; such days are invalid and ignored.
        LocalDate to = dataDays[1].isAfter(today) ? dataDays[1] : today;
        if (from != null && from.isAfter(to)) {
            return session.createMutationQuery("update ViewRefreshEntity set dirtyFrom = null where viewName = :view")
                    .setParameter("view", ViewRefreshEntity.INSTALLATIONS).executeUpdate()
                    .replaceWith((LocalDate[]) null);
        }
        if (from == null) {
            return Uni.createFrom().nullItem();
        }
        LocalDate first = from;
        LocalDate materializedFrom = state.materializedFrom == null || from.isBefore(state.materializedFrom)
                ? from : state.materializedFrom;
        // The session is cleared between chunks, so the bookkeeping is written by a statement, not by the entity.
        return recompute(session, new ActivityTracker(window), from, to)
                .chain(() -> session.createMutationQuery("update ViewRefreshEntity set dirtyFrom = null, "
                                + "windowDays = :window, materializedFrom = :from, materializedTo = :to where viewName = :view")
                        .setParameter("window", window).setParameter("from", materializedFrom).setParameter("to", to)
                        .setParameter("view", ViewRefreshEntity.INSTALLATIONS)
                        .executeUpdate())
                .replaceWith(new LocalDate[] {first, to});
    }

    /** Feeds the tracker from the first day that matters, then replaces the views' rows chunk by chunk. */
    private Uni<Void> recompute(Mutiny.Session session, ActivityTracker tracker, LocalDate from, LocalDate to) {
        LocalDate primeDay = from.minusDays(1);
        return rows(session, tracker.firstRelevantDay(from), primeDay)
                .invoke(rows -> {
                    rows.forEach(tracker::record);
                    tracker.figuresFor(primeDay); // yesterday's active sets, for added/removed on `from`
                })
                .chain(() -> recomputeChunk(session, tracker, from, to));
    }

    private Uni<Void> recomputeChunk(Mutiny.Session session, ActivityTracker tracker, LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            return Uni.createFrom().voidItem();
        }
        LocalDate chunkEnd = from.plusDays(config.refreshChunkDays() - 1L);
        LocalDate end = chunkEnd.isAfter(to) ? to : chunkEnd;
        return rows(session, from, end)
                .map(rows -> figures(tracker, rows, from, end))
                .chain(figures -> replace(session, from, end, figures))
                .chain(() -> recomputeChunk(session, tracker, end.plusDays(1), to));
    }

    private static List<DayFigures> figures(ActivityTracker tracker, List<InstallationDay> rows, LocalDate from,
            LocalDate to) {
        List<DayFigures> figures = new ArrayList<>();
        int next = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            while (next < rows.size() && !rows.get(next).day().isAfter(day)) {
                tracker.record(rows.get(next++));
            }
            figures.addAll(tracker.figuresFor(day));
        }
        return figures;
    }

    private Uni<List<InstallationDay>> rows(Mutiny.Session session, LocalDate from, LocalDate to) {
        return session.createSelectionQuery(ROWS_OF_DAYS, InstallationDay.class)
                .setParameter("from", from).setParameter("to", to)
                .getResultList();
    }

    private Uni<Void> replace(Mutiny.Session session, LocalDate from, LocalDate to, List<DayFigures> figures) {
        List<Object> rows = new ArrayList<>();
        for (DayFigures day : figures) {
            rows.add(InstallationsDailyEntity.of(day));
            for (Map.Entry<Dimension, Map<String, Totals>> dimension : day.breakdown().entrySet()) {
                dimension.getValue().forEach((value, totals) -> rows.add(InstallationsBreakdownEntity.of(
                        day.day(), day.includeDev(), dimension.getKey(), value, totals)));
            }
        }
        return session.createMutationQuery("delete from InstallationsDailyEntity where day between :from and :to")
                .setParameter("from", from).setParameter("to", to).executeUpdate()
                .chain(() -> session.createMutationQuery(
                                "delete from InstallationsBreakdownEntity where day between :from and :to")
                        .setParameter("from", from).setParameter("to", to).executeUpdate())
                .chain(() -> session.persistAll(rows.toArray()))
                .chain(session::flush)
                .invoke(session::clear);
    }
}
