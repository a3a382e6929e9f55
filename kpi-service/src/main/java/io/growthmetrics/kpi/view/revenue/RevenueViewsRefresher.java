package io.growthmetrics.kpi.view.revenue;

import io.growthmetrics.kpi.config.KpiConfig;
import io.growthmetrics.kpi.domain.revenue.MrrDay;
import io.growthmetrics.kpi.domain.revenue.MrrTimeline;
import io.growthmetrics.kpi.domain.revenue.RevenueItem;
import io.growthmetrics.kpi.domain.revenue.RevenueRules;
import io.growthmetrics.kpi.domain.revenue.SubscriptionState;
import io.growthmetrics.kpi.view.ViewRefreshEntity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Keeps {@code mrr_daily} and {@code mrr_movement} equal to what the revenue rules give over
 * {@code subscription_event} and the current catalog, from the first event's day to today: recomputes from the
 * earliest dirty day, also when the day rolls over (today's row carries yesterday's state), and everything when
 * the catalog's products or the counting options change. Days after tomorrow are invalid and ignored; a refresh is
 * bounded by {@code kpi.refresh-timeout}. The states are replayed in memory from the first event
 * (movements need the whole history); only the days from the dirty one on are rewritten, in chunks.
 */
@ApplicationScoped
public class RevenueViewsRefresher {

    private static final Logger LOG = Logger.getLogger(RevenueViewsRefresher.class);

    private static final String EVENTS = "select e.eventId, e.subscriptionId, e.customerId, e.eventType, "
            + "e.eventCreated, e.source, e.deleted, e.status, e.currency, e.cancelAtPeriodEnd, e.cancelAt, "
            + "e.collectionPaused from SubscriptionEventEntity e";

    private static final String ITEMS = "select i.eventId, i.productId, i.monthlyValue from SubscriptionEventItemEntity i "
            + "where i.productId in :products order by i.eventId, i.position";

    private final KpiConfig config;
    private final Clock clock;
    private final Timer refreshTimer;

    public RevenueViewsRefresher(KpiConfig config, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.clock = clock;
        this.refreshTimer = registry.timer("kpi.views.refresh", "view", ViewRefreshEntity.REVENUE);
    }

    @Scheduled(every = "${kpi.refresh-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRefresh() {
        return refresh().onFailure().recoverWithItem(e -> {
            LOG.warn("Refreshing the revenue views failed; retrying at the next interval", e);
            return null;
        }).replaceWithVoid();
    }

    /** The counting options the rows depend on, as stored in {@code view_refresh.settings}. */
    String settings() {
        return "countPausedCollection=" + config.revenue().countPausedCollection();
    }

    /** Recomputes what is out of date; emits the range recomputed, or null when all was up to date. */
    public Uni<LocalDate[]> refresh() {
        long start = System.nanoTime();
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                        .find(ViewRefreshEntity.class, ViewRefreshEntity.REVENUE, LockMode.PESSIMISTIC_WRITE)
                        .flatMap(state -> dataDays(session).flatMap(days -> plan(session, state, days)))))
                .ifNoItem().after(config.refreshTimeout()).fail()
                .invoke(range -> {
                    if (range != null) {
                        refreshTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                        LOG.debugf("Revenue views recomputed for %s..%s", range[0], range[1]);
                    }
                });
    }

    private Uni<LocalDate[]> dataDays(Mutiny.Session session) {
        return session.createSelectionQuery(
                        "select min(e.eventCreated), max(e.eventCreated) from SubscriptionEventEntity e "
                                + "where e.eventCreated < :limit", Object[].class)
                .setParameter("limit", LocalDate.now(clock).plusDays(2).atStartOfDay().atOffset(ZoneOffset.UTC))
                .getSingleResult()
                .map(r -> new LocalDate[] {day((OffsetDateTime) r[0]), day((OffsetDateTime) r[1])});
    }

    private Uni<LocalDate[]> plan(Mutiny.Session session, ViewRefreshEntity state, LocalDate[] dataDays) {
        if (dataDays[0] == null || state == null) {
            return Uni.createFrom().nullItem();
        }
        String settings = settings();
        LocalDate today = LocalDate.now(clock);
        LocalDate from = state.dirtyFrom;
        boolean everything = !Objects.equals(state.settings, settings) || state.materializedTo == null;
        if (everything) {
            from = dataDays[0];
        } else if (state.materializedTo.isBefore(today)) {
            LocalDate next = state.materializedTo.plusDays(1);
            from = from == null || next.isBefore(from) ? next : from;
        }
        if (from == null) {
            return Uni.createFrom().nullItem();
        }
        // Never beyond tomorrow: an event dated later is invalid (the rules refuse it) and must not make a refresh
        // compute millions of days.
        LocalDate to = dataDays[1].isAfter(today) ? dataDays[1] : today;
        if (!everything && from.isAfter(to)) {
            return session.createMutationQuery("update ViewRefreshEntity set dirtyFrom = null where viewName = :view")
                    .setParameter("view", ViewRefreshEntity.REVENUE).executeUpdate()
                    .replaceWith((LocalDate[]) null);
        }
        if (from.isBefore(dataDays[0])) {
            from = dataDays[0];
        }
        if (!everything && from.isAfter(state.materializedTo.plusDays(1))) {
            from = state.materializedTo.plusDays(1); // an event dated after today: no gap in the days
        }
        LocalDate first = from;
        LocalDate materializedFrom = everything || state.materializedFrom == null || from.isBefore(state.materializedFrom)
                ? from : state.materializedFrom;
        return session.createSelectionQuery("select p.productId from RevenueProductEntity p", String.class)
                .getResultList()
                .flatMap(products -> load(session, Set.copyOf(products)))
                .flatMap(timeline -> (everything ? clearBefore(session, first) : Uni.createFrom().voidItem())
                        .chain(() -> recomputeChunk(session, timeline, first, to)))
                // The session is cleared between chunks, so the bookkeeping is written by a statement.
                .chain(() -> session.createMutationQuery("update ViewRefreshEntity set dirtyFrom = null, "
                                + "settings = :settings, materializedFrom = :from, materializedTo = :to "
                                + "where viewName = :view")
                        .setParameter("settings", settings).setParameter("from", materializedFrom)
                        .setParameter("to", to).setParameter("view", ViewRefreshEntity.REVENUE)
                        .executeUpdate())
                .replaceWith(new LocalDate[] {first, to});
    }

    /** Every stored event, with the items of the catalog's products (the others never count). */
    private Uni<MrrTimeline> load(Mutiny.Session session, Set<String> catalog) {
        RevenueRules rules = new RevenueRules(catalog, config.revenue().countPausedCollection());
        Uni<List<Object[]>> items = catalog.isEmpty() ? Uni.createFrom().item(List.of())
                : session.createSelectionQuery(ITEMS, Object[].class).setParameter("products", catalog).getResultList();
        return items.flatMap(itemRows -> session.createSelectionQuery(EVENTS, Object[].class).getResultList()
                .map(eventRows -> {
                    Map<String, List<RevenueItem>> itemsByEvent = new HashMap<>();
                    for (Object[] i : itemRows) {
                        itemsByEvent.computeIfAbsent((String) i[0], k -> new ArrayList<>())
                                .add(new RevenueItem((String) i[1], (BigDecimal) i[2]));
                    }
                    List<SubscriptionState> events = new ArrayList<>(eventRows.size());
                    for (Object[] e : eventRows) {
                        String eventId = (String) e[0];
                        events.add(new SubscriptionState(eventId, (String) e[1], (String) e[2], (String) e[3],
                                ((OffsetDateTime) e[4]).toInstant(), (String) e[5], (Boolean) e[6], (String) e[7],
                                (String) e[8], (Boolean) e[9], e[10] != null, (Boolean) e[11],
                                itemsByEvent.getOrDefault(eventId, List.of())));
                    }
                    return new MrrTimeline(rules, events);
                }))
                .invoke(session::clear);
    }

    private Uni<Void> clearBefore(Mutiny.Session session, LocalDate from) {
        return session.createMutationQuery("delete from MrrDailyEntity where day < :from")
                .setParameter("from", from).executeUpdate()
                .chain(() -> session.createMutationQuery("delete from MrrMovementEntity where day < :from")
                        .setParameter("from", from).executeUpdate())
                .replaceWithVoid();
    }

    private Uni<Void> recomputeChunk(Mutiny.Session session, MrrTimeline timeline, LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            return Uni.createFrom().voidItem();
        }
        LocalDate chunkEnd = from.plusDays(config.refreshChunkDays() - 1L);
        LocalDate end = chunkEnd.isAfter(to) ? to : chunkEnd;
        List<Object> rows = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(end); day = day.plusDays(1)) {
            MrrDay figures = timeline.figuresFor(day);
            figures.products().forEach(p -> rows.add(MrrDailyEntity.of(p)));
            figures.movements().forEach(m -> rows.add(MrrMovementEntity.of(m)));
        }
        return session.createMutationQuery("delete from MrrDailyEntity where day between :from and :to")
                .setParameter("from", from).setParameter("to", end).executeUpdate()
                .chain(() -> session.createMutationQuery("delete from MrrMovementEntity where day between :from and :to")
                        .setParameter("from", from).setParameter("to", end).executeUpdate())
                .chain(() -> session.persistAll(rows.toArray()))
                .chain(session::flush)
                .invoke(session::clear)
                .chain(() -> recomputeChunk(session, timeline, end.plusDays(1), to));
    }

    private static LocalDate day(OffsetDateTime moment) {
        return moment == null ? null : LocalDate.ofInstant(moment.toInstant(), ZoneOffset.UTC);
    }
}
