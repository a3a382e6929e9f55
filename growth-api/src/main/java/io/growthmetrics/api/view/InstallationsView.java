package io.growthmetrics.api.view;

import io.growthmetrics.api.domain.BreakdownDimension;
import io.growthmetrics.api.domain.BreakdownEntry;
import io.growthmetrics.api.domain.DailyInstallations;
import io.growthmetrics.api.domain.DateRange;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * Read-only access to the installation views kpi-service publishes. Names are unqualified on purpose: the
 * connection's search_path decides the schema (tests point it at their own schema).
 */
@ApplicationScoped
public class InstallationsView {

    private final Database database;

    public InstallationsView(Database database) {
        this.database = database;
    }

    /** The rows that exist in the range, oldest first; days without a row are simply absent. */
    public Uni<List<DailyInstallations>> daily(DateRange range, boolean includeDev) {
        return database.query("""
                        SELECT day, installations, hosted_instances, remote_instances, added, removed
                        FROM read_installations_daily
                        WHERE include_dev = $1 AND day BETWEEN $2 AND $3
                        ORDER BY day""", Tuple.of(includeDev, range.from(), range.to()))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(InstallationsView::toDaily).toList());
    }

    /**
     * Sorted by installations, most first, then by value in binary (code point) order, so ties come out the same
     * whatever the database's collation.
     */
    public Uni<List<BreakdownEntry>> breakdown(BreakdownDimension dimension, LocalDate day, boolean includeDev) {
        return database.query("""
                        SELECT value, installations, hosted_instances, remote_instances
                        FROM read_installations_breakdown
                        WHERE day = $1 AND include_dev = $2 AND dimension = $3
                        ORDER BY installations DESC, value COLLATE "C"
                        """, Tuple.of(day, includeDev, dimension.wireName()))
                .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(InstallationsView::toBreakdown).toList());
    }

    private static DailyInstallations toDaily(Row row) {
        return new DailyInstallations(row.getLocalDate("day"), row.getInteger("installations"),
                row.getLong("hosted_instances"), row.getLong("remote_instances"),
                row.getInteger("added"), row.getInteger("removed"));
    }

    private static BreakdownEntry toBreakdown(Row row) {
        return new BreakdownEntry(row.getString("value"), row.getInteger("installations"),
                row.getLong("hosted_instances"), row.getLong("remote_instances"));
    }
}
