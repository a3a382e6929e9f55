package io.growthmetrics.kpi.view.snapshot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.snapshot.DailySnapshot;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;

/**
 * Keeps one value per metric per day ({@code snapshot_metric}) and the day's collection failures
 * ({@code snapshot_day}). A snapshot replaces its day as a whole: the day's row is upserted, its metrics deleted and
 * the snapshot's inserted, all in the caller's one transaction. So the same snapshot again leaves the same rows, and
 * a corrected one wins, metrics it no longer has included.
 */
@ApplicationScoped
public class SnapshotStore {

    private static final String UPSERT_DAY = """
            INSERT INTO snapshot_day (day, failures, updated_at)
            SELECT CAST(d ->> 'day' AS date), d -> 'failures', now()
            FROM (SELECT CAST(CAST(?1 AS text) AS jsonb) AS d) AS s
            ON CONFLICT (day) DO UPDATE SET failures = EXCLUDED.failures, updated_at = EXCLUDED.updated_at
            """;

    private static final String DELETE_METRICS = """
            DELETE FROM snapshot_metric WHERE day = CAST(CAST(?1 AS text) AS date)
            """;

    private static final String INSERT_METRICS = """
            INSERT INTO snapshot_metric (day, name, value)
            SELECT CAST(d ->> 'day' AS date), m.key, CAST(m.value AS numeric)
            FROM (SELECT CAST(CAST(?1 AS text) AS jsonb) AS d) AS s, jsonb_each(s.d -> 'metrics') AS m
            """;

    /**
     * Replaces the days of the snapshots, in order (a later snapshot of the same day wins), in one transaction.
     * The snapshots must have been checked: a date, names of at most 512 characters, values PostgreSQL can hold.
     */
    public Uni<Void> replaceDays(List<DailySnapshot> snapshots) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> Multi.createFrom()
                .iterable(snapshots)
                .onItem().transformToUniAndConcatenate(snapshot -> replaceDay(session, snapshot))
                .collect().last()
                .replaceWithVoid()));
    }

    private static Uni<Void> replaceDay(Mutiny.Session session, DailySnapshot snapshot) {
        ObjectNode doc = EventJson.mapper().createObjectNode();
        doc.put("day", snapshot.date().toString());
        ArrayNode failures = doc.putArray("failures");
        snapshot.failures().forEach(f -> failures.addObject().put("source", f.source()).put("error", f.error()));
        ObjectNode metrics = doc.putObject("metrics");
        snapshot.metrics().forEach(metrics::put);
        String json = doc.toString();
        return session.createNativeQuery(UPSERT_DAY).setParameter(1, json).executeUpdate()
                .chain(() -> session.createNativeQuery(DELETE_METRICS).setParameter(1, snapshot.date().toString())
                        .executeUpdate())
                .chain(() -> session.createNativeQuery(INSERT_METRICS).setParameter(1, json).executeUpdate())
                .replaceWithVoid();
    }
}
