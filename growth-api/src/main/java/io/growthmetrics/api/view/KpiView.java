package io.growthmetrics.api.view;

import io.growthmetrics.api.domain.IsoWeek;
import io.growthmetrics.api.domain.KpiFigure;
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
