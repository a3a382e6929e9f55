package io.growthmetrics.kpi.view.metrics;

import io.growthmetrics.kpi.domain.kpi.TopValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The business figures as Prometheus gauges (docs/metrics.md), read from the views every
 * {@code kpi.gauges-refresh-interval}: active installations, hosted and remote instances, installations by driver and
 * by OS (top {@link #TOP} plus {@code other}), MRR per product and currency, ARR, this week's KPIs with their targets,
 * each metric of the latest snapshot and the snapshot's age. Label sets are bounded: a value that disappears from the
 * views disappears from the metrics.
 */
@ApplicationScoped
public class BusinessGauges {

    private static final Logger LOG = Logger.getLogger(BusinessGauges.class);
    /** Breakdown values kept as labels; the rest is summed as "other". */
    static final int TOP = 8;

    private final Clock clock;
    // Every gauge is a MultiGauge whose rows are registered anew at each refresh: a plain Gauge keeps the state object
    // it was first registered with, and Micrometer hands back that first gauge when the name is registered again
    // (a restarted application in the same JVM), so it would show a discarded bean's value (seen: NaN in the suite).
    private final MultiGauge installations;
    private final MultiGauge snapshotAge;
    private final MultiGauge instances;
    private final MultiGauge byDriver;
    private final MultiGauge byOs;
    private final MultiGauge mrr;
    private final MultiGauge arr;
    private final MultiGauge kpiValue;
    private final MultiGauge kpiTarget;
    private final MultiGauge kpiOnTrack;
    private final MultiGauge snapshotMetric;

    public BusinessGauges(MeterRegistry registry, Clock clock) {
        this.clock = clock;
        installations = MultiGauge.builder("growth.installations.active")
                .description("Installations active today (pinged within the active window), developer builds left out")
                .register(registry);
        snapshotAge = MultiGauge.builder("growth.snapshot.age")
                .description("Seconds since the latest daily snapshot was stored (as of the last refresh)")
                .baseUnit("seconds").register(registry);
        instances = MultiGauge.builder("growth.instances").description("Node-RED instances of the active installations, "
                + "by kind (hosted, remote)").register(registry);
        byDriver = MultiGauge.builder("growth.installations.by.driver")
                .description("Active installations by platform driver (top " + TOP + " and other)").register(registry);
        byOs = MultiGauge.builder("growth.installations.by.os")
                .description("Active installations by OS (top " + TOP + " and other)").register(registry);
        mrr = MultiGauge.builder("growth.mrr").description("Self-service MRR today, by product and currency, in major "
                + "units").register(registry);
        arr = MultiGauge.builder("growth.arr").description("Self-service ARR (12 × MRR) today, by currency, in major "
                + "units").register(registry);
        kpiValue = MultiGauge.builder("growth.kpi.value").description("Each KPI's value this ISO week").register(registry);
        kpiTarget = MultiGauge.builder("growth.kpi.target").description("Each KPI's target this ISO week, when known")
                .register(registry);
        kpiOnTrack = MultiGauge.builder("growth.kpi.on.track").description("1 when a KPI is on track this week, 0 when "
                + "not (absent when it cannot be judged)").register(registry);
        snapshotMetric = MultiGauge.builder("growth.snapshot.metric").description("Each metric of the latest daily "
                + "cloud snapshot").register(registry);
    }

    @Scheduled(every = "${kpi.gauges-refresh-interval:30s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRefresh() {
        return refresh().onFailure().recoverWithItem(e -> {
            LOG.debugf("Business gauges not refreshed (retrying at the next interval): %s", e.getMessage());
            return null;
        });
    }

    public Uni<Void> refresh() {
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> installations(session)
                .chain(() -> breakdowns(session))
                .chain(() -> revenue(session))
                .chain(() -> kpis(session))
                .chain(() -> snapshots(session))));
    }

    private Uni<Void> installations(Mutiny.Session session) {
        return rows(session, """
                SELECT installations, hosted_instances, remote_instances FROM installations_daily
                WHERE include_dev = false AND day <= current_date ORDER BY day DESC LIMIT 1""")
                .invoke(rows -> {
                    if (rows.isEmpty()) {
                        installations.register(List.of(), true);
                        instances.register(List.of(), true);
                        return;
                    }
                    Object[] r = rows.get(0);
                    installations.register(List.of(MultiGauge.Row.of(Tags.empty(), number(r[0]))), true);
                    instances.register(List.of(
                            MultiGauge.Row.of(Tags.of("kind", "hosted"), number(r[1])),
                            MultiGauge.Row.of(Tags.of("kind", "remote"), number(r[2]))), true);
                }).replaceWithVoid();
    }

    private Uni<Void> breakdowns(Mutiny.Session session) {
        return rows(session, """
                SELECT dimension, value, installations FROM read_installations_breakdown
                WHERE include_dev = false AND dimension IN ('driver', 'os') AND day = (
                    SELECT max(day) FROM read_installations_breakdown WHERE include_dev = false AND day <= current_date)""")
                .invoke(rows -> {
                    Map<String, Map<String, Long>> counts = new HashMap<>();
                    for (Object[] r : rows) {
                        counts.computeIfAbsent((String) r[0], d -> new HashMap<>()).put((String) r[1], (long) number(r[2]));
                    }
                    byDriver.register(top("driver", counts.getOrDefault("driver", Map.of())), true);
                    byOs.register(top("os", counts.getOrDefault("os", Map.of())), true);
                }).replaceWithVoid();
    }

    private static List<MultiGauge.Row<?>> top(String label, Map<String, Long> counts) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        TopValues.of(counts, TOP).forEach((value, count) -> rows.add(MultiGauge.Row.of(Tags.of(label, value), count)));
        return rows;
    }

    private Uni<Void> revenue(Mutiny.Session session) {
        return rows(session, """
                SELECT product_id, currency, mrr_cents / 100 FROM mrr_daily
                WHERE day = (SELECT max(day) FROM mrr_daily WHERE day <= current_date)""")
                .invoke(rows -> {
                    List<MultiGauge.Row<?>> products = new ArrayList<>();
                    Map<String, Double> totals = new HashMap<>();
                    for (Object[] r : rows) {
                        products.add(MultiGauge.Row.of(Tags.of("product", (String) r[0], "currency", (String) r[1]),
                                number(r[2])));
                        totals.merge((String) r[1], number(r[2]), Double::sum);
                    }
                    mrr.register(products, true);
                    List<MultiGauge.Row<?>> annual = new ArrayList<>();
                    totals.forEach((currency, total) -> annual.add(MultiGauge.Row.of(Tags.of("currency", currency),
                            total * 12)));
                    arr.register(annual, true);
                }).replaceWithVoid();
    }

    private Uni<Void> kpis(Mutiny.Session session) {
        return rows(session, """
                SELECT w.kpi, w.value, w.target_value, w.on_track FROM kpi_weekly w
                WHERE w.week_start = CAST(date_trunc('week', current_date) AS date)""")
                .invoke(rows -> {
                    List<MultiGauge.Row<?>> values = new ArrayList<>();
                    List<MultiGauge.Row<?>> targets = new ArrayList<>();
                    List<MultiGauge.Row<?>> onTrack = new ArrayList<>();
                    for (Object[] r : rows) {
                        Tags kpi = Tags.of("kpi", (String) r[0]);
                        if (r[1] != null) {
                            values.add(MultiGauge.Row.of(kpi, number(r[1])));
                        }
                        if (r[2] != null) {
                            targets.add(MultiGauge.Row.of(kpi, number(r[2])));
                        }
                        if (r[3] != null) {
                            onTrack.add(MultiGauge.Row.of(kpi, (Boolean) r[3] ? 1 : 0));
                        }
                    }
                    kpiValue.register(values, true);
                    kpiTarget.register(targets, true);
                    kpiOnTrack.register(onTrack, true);
                }).replaceWithVoid();
    }

    private Uni<Void> snapshots(Mutiny.Session session) {
        return rows(session, "SELECT name, value FROM snapshot_metric WHERE day = (SELECT max(day) FROM snapshot_metric)")
                .invoke(rows -> {
                    List<MultiGauge.Row<?>> metrics = new ArrayList<>();
                    for (Object[] r : rows) {
                        metrics.add(MultiGauge.Row.of(Tags.of("metric", (String) r[0]), number(r[1])));
                    }
                    snapshotMetric.register(metrics, true);
                })
                .chain(() -> rows(session, "SELECT max(updated_at), count(*) FROM snapshot_day"))
                .invoke(rows -> {
                    Object last = rows.isEmpty() ? null : rows.get(0)[0];
                    java.time.Instant at = last instanceof OffsetDateTime time ? time.toInstant()
                            : last instanceof java.sql.Timestamp ts ? ts.toInstant() : null;
                    snapshotAge.register(at == null ? List.of() : List.of(MultiGauge.Row.of(Tags.empty(),
                            (clock.millis() - at.toEpochMilli()) / 1000.0)), true);
                }).replaceWithVoid();
    }

    private static Uni<List<Object[]>> rows(Mutiny.Session session, String sql) {
        return session.createNativeQuery(sql, Object[].class).getResultList();
    }

    private static double number(Object value) {
        if (value instanceof Number n) {
            return n instanceof BigDecimal d ? d.doubleValue() : n.doubleValue();
        }
        return value == null ? Double.NaN : Double.parseDouble(value.toString());
    }
}
