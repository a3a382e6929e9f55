package io.growthmetrics.api.view;

import io.growthmetrics.api.domain.DateRange;
import io.growthmetrics.api.domain.MetricSummary;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * Read-only access to the snapshot views kpi-service publishes (read_snapshot_days, read_snapshot_metrics, from
 * V3__snapshots.sql): stored metrics only, one value per metric per day, exact as stored. Derived metrics are
 * {@link SnapshotMetrics}' job.
 */
@ApplicationScoped
public class SnapshotView {

    private final Database database;

    public SnapshotView(Database database) {
        this.database = database;
    }

    /** The latest day that has a snapshot (a day row or any metric value), if there is one. */
    public Uni<Optional<LocalDate>> latestDay() {
        return database.query("""
                        SELECT greatest((SELECT max(day) FROM read_snapshot_days),
                                        (SELECT max(day) FROM read_snapshot_metrics)) AS day""")
                .map(rows -> Optional.ofNullable(rows.iterator().next().getLocalDate("day")));
    }

    /** The failures recorded with the day's snapshot, as JSON text; "[]" when the day has no row. */
    public Uni<String> failuresJson(LocalDate day) {
        return database.query("SELECT failures::text AS failures FROM read_snapshot_days WHERE day = $1", Tuple.of(day))
                .map(rows -> list(rows, row -> row.getString("failures")).stream().findFirst().orElse("[]"));
    }

    /** Every stored metric's value on the day. */
    public Uni<Map<String, BigDecimal>> metricsOn(LocalDate day) {
        return database.query("SELECT name, value FROM read_snapshot_metrics WHERE day = $1", Tuple.of(day))
                .map(rows -> {
                    Map<String, BigDecimal> values = new HashMap<>();
                    rows.forEach(row -> values.put(row.getString("name"), row.getBigDecimal("value")));
                    return values;
                });
    }

    /** Every stored metric with its first and last day and the value on the last. */
    public Uni<List<MetricSummary>> summaries() {
        return database.query("""
                        SELECT s.name, s.first_day, s.last_day, m.value
                        FROM (SELECT name, min(day) AS first_day, max(day) AS last_day
                              FROM read_snapshot_metrics GROUP BY name) s
                        JOIN read_snapshot_metrics m ON m.name = s.name AND m.day = s.last_day""")
                .map(rows -> list(rows, row -> new MetricSummary(row.getString("name"), row.getLocalDate("first_day"),
                        row.getLocalDate("last_day"), row.getBigDecimal("value"))));
    }

    public Uni<Boolean> exists(String name) {
        return database.query("SELECT EXISTS (SELECT 1 FROM read_snapshot_metrics WHERE name = $1) AS known", Tuple.of(name))
                .map(rows -> rows.iterator().next().getBoolean("known"));
    }

    /**
     * The values of the named metrics by day and then name, days sorted; within the range, or on every day when
     * {@code range} is null. A day without any of the metrics is absent.
     */
    public Uni<TreeMap<LocalDate, Map<String, BigDecimal>>> values(Collection<String> names, DateRange range) {
        String[] array = names.toArray(String[]::new);
        Uni<RowSet<Row>> rows = range == null
                ? database.query("SELECT day, name, value FROM read_snapshot_metrics WHERE name = ANY($1)", Tuple.of(array))
                : database.query("""
                                SELECT day, name, value FROM read_snapshot_metrics
                                WHERE name = ANY($1) AND day BETWEEN $2 AND $3""", Tuple.of(array, range.from(), range.to()));
        return rows.map(set -> {
            TreeMap<LocalDate, Map<String, BigDecimal>> byDay = new TreeMap<>();
            set.forEach(row -> byDay.computeIfAbsent(row.getLocalDate("day"), day -> new HashMap<>())
                    .put(row.getString("name"), row.getBigDecimal("value")));
            return byDay;
        });
    }

    private static <T> List<T> list(RowSet<Row> rows, Function<Row, T> mapper) {
        return StreamSupport.stream(rows.spliterator(), false).map(mapper).toList();
    }
}
