package io.growthmetrics.api.view;

import io.growthmetrics.api.domain.IsoWeek;
import io.growthmetrics.api.domain.KpiFigure;
import io.growthmetrics.api.domain.KpiReview;
import io.growthmetrics.api.domain.KpiTarget;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only access to the KPI views kpi-service publishes (read_kpi_definitions, read_kpi_weekly, from
 * V4__kpis.sql). Every figure is kpi-service's: this only joins a week's row to its KPI's definition.
 */
@ApplicationScoped
public class KpiView {

    /** A KPI as configured in kpi-service. */
    public record Definition(String key, String name, String unit, String kind, String description, String targetKind,
            BigDecimal targetValue, String targetKpi) {
    }

    private final Database database;

    public KpiView(Database database) {
        this.database = database;
    }

    /** Every KPI, in review order. */
    public Uni<List<Definition>> definitions() {
        return database.query("""
                        SELECT key, name, unit, kind, description, target_kind, target_value, target_kpi
                        FROM read_kpi_definitions ORDER BY position, key""")
                .map(rows -> {
                    List<Definition> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new Definition(r.getString("key"), r.getString("name"),
                            r.getString("unit"), r.getString("kind"), r.getString("description"),
                            r.getString("target_kind"), r.getBigDecimal("target_value"), r.getString("target_kpi"))));
                    return list;
                });
    }

    /** Each KPI's week, as a figure (a KPI without a row that week: null values). */
    public Uni<List<KpiFigure>> week(IsoWeek week) {
        return definitions().flatMap(definitions -> database.query("""
                        SELECT kpi, week_start, value, previous_value, wow_growth_pct, target_value, on_track
                        FROM read_kpi_weekly WHERE week_start = $1""", Tuple.of(week.monday()))
                .map(rows -> {
                    Map<String, Row> byKpi = new HashMap<>();
                    rows.forEach(r -> byKpi.put(r.getString("kpi"), r));
                    List<KpiFigure> figures = new ArrayList<>();
                    for (Definition d : definitions) {
                        figures.add(figure(d, week, byKpi.get(d.key())));
                    }
                    return figures;
                }));
    }

    /** One KPI's weeks from..to (every week, null values where it had no data). */
    public Uni<List<KpiFigure>> history(Definition d, IsoWeek from, IsoWeek to) {
        return database.query("""
                        SELECT kpi, week_start, value, previous_value, wow_growth_pct, target_value, on_track
                        FROM read_kpi_weekly WHERE kpi = $1 AND week_start BETWEEN $2 AND $3""",
                        Tuple.of(d.key(), from.monday(), to.monday()))
                .map(rows -> {
                    Map<LocalDate, Row> byWeek = new HashMap<>();
                    rows.forEach(r -> byWeek.put(r.getLocalDate("week_start"), r));
                    List<KpiFigure> figures = new ArrayList<>();
                    for (IsoWeek w = from; !w.monday().isAfter(to.monday()); w = w.next()) {
                        figures.add(figure(d, w, byWeek.get(w.monday())));
                    }
                    return figures;
                });
    }

    /** Installations per breakdown value on two days (include_dev false), as "dimension|value" → [before, after]. */
    public Uni<List<KpiReview.BreakdownChange>> breakdownChanges(LocalDate before, LocalDate after, int limit) {
        return database.query("""
                        SELECT dimension, value,
                               coalesce(sum(installations) FILTER (WHERE day = $1), 0) AS previous,
                               coalesce(sum(installations) FILTER (WHERE day = $2), 0) AS current
                        FROM read_installations_breakdown
                        WHERE include_dev = false AND day IN ($1, $2) AND dimension IN ('driver', 'os', 'version')
                        GROUP BY dimension, value""", Tuple.of(before, after))
                .map(rows -> {
                    List<KpiReview.BreakdownChange> changes = new ArrayList<>();
                    rows.forEach(r -> {
                        int previous = r.getInteger("previous");
                        int current = r.getInteger("current");
                        if (previous != current) {
                            changes.add(new KpiReview.BreakdownChange(r.getString("dimension"), r.getString("value"),
                                    previous, current, current - previous));
                        }
                    });
                    changes.sort(java.util.Comparator.comparingInt((KpiReview.BreakdownChange c) -> -Math.abs(c.change()))
                            .thenComparing(KpiReview.BreakdownChange::dimension).thenComparing(KpiReview.BreakdownChange::value));
                    return changes.size() > limit ? List.copyOf(changes.subList(0, limit)) : changes;
                });
    }

    /** The MRR movements of the days from..to by type, in one currency. */
    public Uni<List<KpiReview.MovementTotal>> movementTotals(LocalDate from, LocalDate to, String currency) {
        return database.query("""
                        SELECT type, count(*) AS customers, sum(delta_cents) AS delta
                        FROM read_mrr_movements WHERE currency = $1 AND day BETWEEN $2 AND $3
                        GROUP BY type ORDER BY type""", Tuple.of(currency, from, to))
                .map(rows -> {
                    List<KpiReview.MovementTotal> totals = new ArrayList<>();
                    rows.forEach(r -> totals.add(new KpiReview.MovementTotal(r.getString("type"),
                            r.getLong("customers").intValue(), r.getBigDecimal("delta"))));
                    return totals;
                });
    }

    /** Contracts signed on the days from..to, in one currency, largest first. */
    public Uni<List<KpiReview.NewContract>> contractsSigned(LocalDate from, LocalDate to, String currency) {
        return database.query("""
                        SELECT customer, annual_value_cents, status, signed_date FROM read_carr_contracts
                        WHERE currency = $1 AND status = 'signed' AND signed_date BETWEEN $2 AND $3
                        ORDER BY annual_value_cents DESC, customer""", Tuple.of(currency, from, to))
                .map(rows -> {
                    List<KpiReview.NewContract> contracts = new ArrayList<>();
                    rows.forEach(r -> contracts.add(new KpiReview.NewContract(r.getString("customer"),
                            r.getLong("annual_value_cents"), r.getString("status"), r.getLocalDate("signed_date"))));
                    return contracts;
                });
    }

    private static KpiFigure figure(Definition d, IsoWeek week, Row row) {
        BigDecimal targetValue = row == null ? null : row.getBigDecimal("target_value");
        KpiTarget target = switch (d.targetKind()) {
            case "wow-growth" -> new KpiTarget("wow-growth", d.targetValue(), null, null, targetValue);
            case "goal" -> new KpiTarget("goal", null, d.targetValue(), null, targetValue);
            case "kpi" -> new KpiTarget("kpi", null, null, d.targetKpi(), targetValue);
            default -> new KpiTarget("none", null, null, null, null);
        };
        return new KpiFigure(d.key(), d.name(), d.unit(), d.kind(), d.description(), week.label(),
                row == null ? null : row.getBigDecimal("value"), row == null ? null : row.getBigDecimal("previous_value"),
                row == null ? null : row.getBigDecimal("wow_growth_pct"), target,
                row == null ? null : row.getBoolean("on_track"));
    }
}
