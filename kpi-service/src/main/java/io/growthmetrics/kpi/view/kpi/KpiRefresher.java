package io.growthmetrics.kpi.view.kpi;

import io.growthmetrics.kpi.config.KpiConfig;
import io.growthmetrics.kpi.config.KpiDefinitions;
import io.growthmetrics.kpi.domain.kpi.CarrWeeks;
import io.growthmetrics.kpi.domain.kpi.KpiDefinition;
import io.growthmetrics.kpi.domain.kpi.KpiKind;
import io.growthmetrics.kpi.domain.kpi.KpiSources;
import io.growthmetrics.kpi.domain.kpi.KpiTarget;
import io.growthmetrics.kpi.domain.kpi.KpiWeek;
import io.growthmetrics.kpi.domain.kpi.KpiWeeks;
import io.growthmetrics.kpi.domain.kpi.ObservationWeeks;
import io.growthmetrics.kpi.domain.kpi.Weeks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Keeps {@code kpi_definition} equal to the configuration and {@code kpi_weekly} equal to what {@link KpiWeeks} gives
 * over the current views and inputs: every {@code kpi.kpi-refresh-interval} all weeks are recomputed and replaced in
 * one transaction (a few KPIs times a few hundred weeks: cheap, and never out of step with a corrected view).
 * <p>
 * Every kpi-service instance runs it. Each transaction first takes the advisory lock {@link #LOCK_KEY}, so the
 * refreshes of several instances take turns: without it two that overlap both DELETE, and the second, which cannot see
 * the rows the first inserted, fails on the primary key when it inserts its own (the same on {@code kpi_definition}
 * when two instances start together).
 */
@ApplicationScoped
public class KpiRefresher {

    private static final Logger LOG = Logger.getLogger(KpiRefresher.class);

    /**
     * The key of the transaction-level advisory lock ({@code pg_advisory_xact_lock}) each KPI refresh takes before it
     * reads or writes anything: the ASCII bytes of {@code "kpi_week"} read as a bigint (7741803618195826027). No other
     * advisory lock in the database uses it (Flyway's is derived from its history table's name). It is held until the
     * transaction commits or rolls back, so the next instance's refresh, waiting on it, then sees the rows this one
     * wrote (READ COMMITTED: each statement sees what was committed before it began) and replaces them.
     */
    public static final long LOCK_KEY = 0x6B70695F7765656BL;

    /** The earliest week computed: nothing counted happened before. */
    static final LocalDate EARLIEST = io.growthmetrics.contracts.rules.EventTimes.EARLIEST_DAY;

    private final KpiConfig config;
    private final KpiDefinitions definitions;
    private final Clock clock;
    private final Timer refreshTimer;
    private volatile boolean definitionsWritten;

    public KpiRefresher(KpiConfig config, KpiDefinitions definitions, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.definitions = definitions;
        this.clock = clock;
        this.refreshTimer = registry.timer("kpi.views.refresh", "view", "kpi_weekly");
    }

    @Scheduled(every = "${kpi.kpi-refresh-interval:10s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRefresh() {
        return refresh().onFailure().recoverWithItem(e -> {
            LOG.warn("Refreshing the KPIs failed; retrying at the next interval", e);
            return null;
        }).replaceWithVoid();
    }

    /** Writes the definitions (the first time) and recomputes every KPI week; emits the rows written. */
    public Uni<Integer> refresh() {
        long start = System.nanoTime();
        LocalDate today = LocalDate.now(clock);
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> takeTurn(session)
                        .chain(() -> definitionsWritten ? Uni.createFrom().voidItem() : writeDefinitions(session))
                        .chain(() -> load(session, today))
                        .map(values -> KpiWeeks.compute(definitions.all(), values, today))
                        .flatMap(weeks -> replaceWeeks(session, weeks))))
                .ifNoItem().after(config.refreshTimeout()).fail()
                .invoke(rows -> {
                    definitionsWritten = true;
                    refreshTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                });
    }

    /**
     * Waits until no other refresh (of any instance) holds {@link #LOCK_KEY}, then holds it to the end of this
     * transaction. Waiting rather than skipping ({@code pg_try_advisory_xact_lock}): an instance must write its own
     * definitions, and {@link #refresh()} always recomputes from what is committed; the wait is one refresh (cheap).
     */
    private static Uni<Void> takeTurn(Mutiny.Session session) {
        return session.createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(?1)", Integer.class)
                .setParameter(1, LOCK_KEY).getSingleResult().replaceWithVoid();
    }

    private Uni<Void> writeDefinitions(Mutiny.Session session) {
        Uni<Integer> chain = session.createNativeQuery("DELETE FROM kpi_definition").executeUpdate();
        for (KpiDefinition d : definitions.all()) {
            BigDecimal targetValue = d.target() instanceof KpiTarget.WowGrowth g ? g.pct()
                    : d.target() instanceof KpiTarget.Goal g ? g.value() : null;
            String targetKpi = d.target() instanceof KpiTarget.OfKpi k ? k.key() : null;
            chain = chain.chain(() -> session.createNativeQuery("""
                            INSERT INTO kpi_definition (key, position, name, unit, kind, source, target_kind, target_value,
                                                        target_kpi, description)
                            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST(CAST(?8 AS text) AS numeric), ?9, ?10)""")
                    .setParameter(1, d.key()).setParameter(2, d.position()).setParameter(3, d.name())
                    .setParameter(4, d.unit()).setParameter(5, d.kind().label()).setParameter(6, d.source())
                    .setParameter(7, d.target().kind())
                    .setParameter(8, targetValue == null ? null : targetValue.toPlainString())
                    .setParameter(9, targetKpi).setParameter(10, d.description())
                    .executeUpdate());
        }
        return chain.replaceWithVoid();
    }

    /** Each KPI's weekly values, by the week's Monday. */
    private Uni<Map<String, NavigableMap<LocalDate, BigDecimal>>> load(Mutiny.Session session, LocalDate today) {
        Map<String, NavigableMap<LocalDate, BigDecimal>> values = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (KpiDefinition d : definitions.all()) {
            chain = chain.chain(() -> source(session, d, today)).invoke(weeks -> values.put(d.key(), weeks))
                    .replaceWithVoid();
        }
        return chain.replaceWith(values);
    }

    private Uni<NavigableMap<LocalDate, BigDecimal>> source(Mutiny.Session session, KpiDefinition d, LocalDate today) {
        String currency = config.currency().toLowerCase(Locale.ROOT);
        return switch (d.source()) {
            case KpiSources.NR_INSTANCES -> daily(session, "SELECT day, "
                    + String.join(" + ", definitions.nrInstancesColumns())
                    + " FROM installations_daily WHERE include_dev = false", null)
                    .map(days -> Weeks.ofDays(days, d.kind(), today));
            case KpiSources.MRR -> daily(session,
                    "SELECT day, round(sum(mrr_cents) / 100, 2) FROM mrr_daily WHERE currency = ?1 GROUP BY day", currency)
                    .map(days -> Weeks.ofDays(days, d.kind(), today));
            case KpiSources.MERGED_PULL_REQUESTS -> daily(session, """
                    SELECT CAST(merged_at AT TIME ZONE 'UTC' AS date), count(*) FROM merged_pull_request GROUP BY 1""",
                    null).map(days -> Weeks.ofDays(days, d.kind(), today));
            case KpiSources.CARR_CLOSED, KpiSources.CARR_PROJECTED, KpiSources.CARR_GOAL ->
                    carr(session, currency, today).map(figures -> switch (d.source()) {
                        case KpiSources.CARR_CLOSED -> figures.closed();
                        case KpiSources.CARR_PROJECTED -> figures.projected();
                        default -> figures.goal();
                    });
            default -> observations(session, d.key(), d.kind(), today);
        };
    }

    private static Uni<Map<LocalDate, BigDecimal>> daily(Mutiny.Session session, String sql, String parameter) {
        Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(sql, Object[].class);
        if (parameter != null) {
            query.setParameter(1, parameter);
        }
        return query.getResultList().map(rows -> {
            Map<LocalDate, BigDecimal> days = new TreeMap<>();
            for (Object[] row : rows) {
                days.put(localDate(row[0]), decimal(row[1]));
            }
            return days;
        });
    }

    private static Uni<CarrWeeks.Figures> carr(Mutiny.Session session, String currency, LocalDate today) {
        Uni<List<Object[]>> contracts = session.createNativeQuery("""
                        SELECT status, annual_value_cents, signed_date, expected_close_date FROM carr_contract
                        WHERE currency = ?1""", Object[].class).setParameter(1, currency).getResultList();
        Uni<List<Object[]>> goals = session.createNativeQuery(
                "SELECT quarter, goal_cents FROM carr_goal WHERE currency = ?1", Object[].class)
                .setParameter(1, currency).getResultList();
        return contracts.flatMap(contractRows -> goals.map(goalRows -> {
            List<CarrWeeks.Contract> list = new ArrayList<>();
            LocalDate first = null;
            for (Object[] r : contractRows) {
                LocalDate signed = localDate(r[2]);
                LocalDate expected = localDate(r[3]);
                list.add(new CarrWeeks.Contract((String) r[0], ((Number) r[1]).longValue(), signed, expected));
                for (LocalDate day : new LocalDate[] {signed, expected}) {
                    if (day != null && (first == null || day.isBefore(first))) {
                        first = day;
                    }
                }
            }
            Map<String, Long> goalCents = new HashMap<>();
            for (Object[] r : goalRows) {
                goalCents.put((String) r[0], ((Number) r[1]).longValue());
                LocalDate quarterStart = LocalDate.of(Integer.parseInt(((String) r[0]).substring(0, 4)),
                        (Integer.parseInt(((String) r[0]).substring(6)) - 1) * 3 + 1, 1);
                if (first == null || quarterStart.isBefore(first)) {
                    first = quarterStart;
                }
            }
            if (first == null) {
                return new CarrWeeks.Figures(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
            }
            // weeks from the first date any contract or goal names (at most from 2020), to the current week
            LocalDate from = first.isBefore(EARLIEST) ? EARLIEST : first;
            return CarrWeeks.compute(list, goalCents, from.isAfter(today) ? today : from, today);
        }));
    }

    private static Uni<NavigableMap<LocalDate, BigDecimal>> observations(Mutiny.Session session, String kpi,
            KpiKind kind, LocalDate today) {
        return session.createNativeQuery("""
                        SELECT source, week_start, whole_week, observed_at, value FROM kpi_observation WHERE kpi = ?1""",
                        Object[].class)
                .setParameter(1, kpi).getResultList()
                .map(rows -> {
                    List<ObservationWeeks.Observation> list = new ArrayList<>();
                    for (Object[] r : rows) {
                        boolean wholeWeek = (Boolean) r[2];
                        list.add(new ObservationWeeks.Observation((String) r[0], localDate(r[1]),
                                wholeWeek ? null : instant(r[3]), decimal(r[4])));
                    }
                    return ObservationWeeks.of(list, kind, today);
                });
    }

    private static Uni<Integer> replaceWeeks(Mutiny.Session session, List<KpiWeek> weeks) {
        Uni<Integer> chain = session.createNativeQuery("DELETE FROM kpi_weekly").executeUpdate();
        // one statement for all rows: the weeks as a JSON array
        com.fasterxml.jackson.databind.node.ArrayNode rows = io.growthmetrics.contracts.EventJson.mapper().createArrayNode();
        for (KpiWeek w : weeks) {
            rows.addObject().put("kpi", w.key()).put("week_start", w.weekStart().toString())
                    .put("value", w.value()).put("previous_value", w.previousValue())
                    .put("wow_growth_pct", w.wowGrowthPct()).put("target_value", w.targetValue())
                    .put("on_track", w.onTrack());
        }
        if (weeks.isEmpty()) {
            return chain.replaceWith(0);
        }
        return chain.chain(() -> session.createNativeQuery("""
                        INSERT INTO kpi_weekly (kpi, week_start, value, previous_value, wow_growth_pct, target_value, on_track)
                        SELECT kpi, week_start, value, previous_value, wow_growth_pct, target_value, on_track
                        FROM jsonb_to_recordset(CAST(CAST(?1 AS text) AS jsonb)) AS x(kpi text, week_start date,
                             value numeric, previous_value numeric, wow_growth_pct numeric, target_value numeric,
                             on_track boolean)""")
                .setParameter(1, rows.toString()).executeUpdate());
    }

    private static LocalDate localDate(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate day) {
            return day;
        }
        if (value instanceof Date date) {
            return date.toLocalDate();
        }
        return LocalDate.parse(value.toString());
    }

    private static java.time.Instant instant(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof java.time.Instant instant) {
            return instant;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return OffsetDateTime.parse(value.toString()).toInstant();
    }

    private static BigDecimal decimal(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }
}
