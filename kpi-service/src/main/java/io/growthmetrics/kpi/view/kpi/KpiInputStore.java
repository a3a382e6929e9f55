package io.growthmetrics.kpi.view.kpi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.kpi.KpiObservation;
import io.growthmetrics.contracts.kpi.PullRequestMerged;
import io.growthmetrics.contracts.rules.KpiObservationRules;
import io.growthmetrics.kpi.domain.kpi.Weeks;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Stores what the KPIs are computed from: published figures ({@code kpi_observation}, a later record of the same KPI,
 * source and week or moment replaces the value) and merged pull requests ({@code merged_pull_request}, each once, at
 * its earliest {@code merged_at}). Records are applied one by one in their order, in one transaction per batch, so a
 * replayed topic leaves the same rows.
 */
@ApplicationScoped
public class KpiInputStore {

    private static final String UPSERT_OBSERVATION = """
            INSERT INTO kpi_observation (kpi, source, week_start, whole_week, observed_at, value)
            SELECT kpi, source, week_start, whole_week, observed_at, value
            FROM jsonb_to_record(CAST(CAST(?1 AS text) AS jsonb)) AS x(kpi text, source text, week_start date,
                 whole_week boolean, observed_at timestamptz, value numeric)
            ON CONFLICT (kpi, source, whole_week, observed_at) DO UPDATE SET value = EXCLUDED.value
            WHERE kpi_observation.value IS DISTINCT FROM EXCLUDED.value
            """;

    private static final String UPSERT_PULL_REQUEST = """
            INSERT INTO merged_pull_request (repository_key, number, repository, merged_at)
            SELECT repository_key, number, repository, merged_at
            FROM jsonb_to_record(CAST(CAST(?1 AS text) AS jsonb)) AS x(repository_key text, number bigint,
                 repository text, merged_at timestamptz)
            ON CONFLICT (repository_key, number) DO UPDATE SET merged_at = EXCLUDED.merged_at,
                 repository = EXCLUDED.repository
            WHERE EXCLUDED.merged_at < merged_pull_request.merged_at
            """;

    /** Emits how many observations changed a row (a repeated one changes nothing). */
    public Uni<Integer> storeObservations(List<KpiObservation> observations) {
        return upsertAll(observations, UPSERT_OBSERVATION, o -> {
            ObjectNode row = EventJson.mapper().createObjectNode();
            LocalDate week = o.period() != null ? KpiObservationRules.weekStart(o.period()).orElseThrow()
                    : Weeks.monday(o.observedAt().atOffset(ZoneOffset.UTC).toLocalDate());
            row.put("kpi", o.kpi());
            row.put("source", o.source());
            row.put("week_start", week.toString());
            row.put("whole_week", o.period() != null);
            row.put("observed_at", (o.period() != null ? week.atStartOfDay().toInstant(ZoneOffset.UTC)
                    : o.observedAt()).toString());
            row.put("value", o.value());
            return row;
        });
    }

    /** Emits how many pull requests were new or moved to an earlier merge time. */
    public Uni<Integer> storePullRequests(List<PullRequestMerged> pullRequests) {
        return upsertAll(pullRequests, UPSERT_PULL_REQUEST, p -> {
            ObjectNode row = EventJson.mapper().createObjectNode();
            row.put("repository_key", p.repository().toLowerCase(Locale.ROOT));
            row.put("number", p.number());
            row.put("repository", p.repository());
            row.put("merged_at", p.mergedAt().toString());
            return row;
        });
    }

    private static <E> Uni<Integer> upsertAll(List<E> events, String sql, Function<E, ObjectNode> row) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> Multi.createFrom()
                .iterable(events)
                .onItem().transformToUniAndConcatenate(e -> upsert(session, sql, row.apply(e).toString()))
                .collect().with(Collectors.summingInt(Integer::intValue))));
    }

    private static Uni<Integer> upsert(Mutiny.Session session, String sql, String row) {
        return session.createNativeQuery(sql).setParameter(1, row).executeUpdate();
    }
}
