package io.growthmetrics.kpi.view.revenue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.revenue.CarrGoalEvent;
import io.growthmetrics.contracts.revenue.ContractEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.List;
import java.util.function.Function;

/**
 * Keeps the latest state of each contract ({@code carr_contract}) and of each quarter's goal ({@code carr_goal}):
 * an upsert that only replaces a row with a later one, by ({@code updatedAt}, then the greater {@code eventId},
 * compared byte-wise). So a repeated event changes nothing and any order of arrival gives the same rows.
 */
@ApplicationScoped
public class CarrStore {

    private static final String UPSERT_CONTRACT = """
            INSERT INTO carr_contract (contract_id, customer, annual_value_cents, currency, status, signed_date,
                                       expected_close_date, start_date, updated_at, event_id)
            SELECT contract_id, customer, annual_value_cents, currency, status, signed_date, expected_close_date,
                   start_date, updated_at, event_id
            FROM jsonb_to_record(CAST(CAST(?1 AS text) AS jsonb)) AS x(contract_id text, customer text, annual_value_cents bigint,
                 currency text, status text, signed_date date, expected_close_date date, start_date date,
                 updated_at timestamptz, event_id text)
            ON CONFLICT (contract_id) DO UPDATE SET
                customer = EXCLUDED.customer, annual_value_cents = EXCLUDED.annual_value_cents,
                currency = EXCLUDED.currency, status = EXCLUDED.status, signed_date = EXCLUDED.signed_date,
                expected_close_date = EXCLUDED.expected_close_date, start_date = EXCLUDED.start_date,
                updated_at = EXCLUDED.updated_at, event_id = EXCLUDED.event_id
            WHERE (EXCLUDED.updated_at, EXCLUDED.event_id COLLATE "C")
                > (carr_contract.updated_at, carr_contract.event_id COLLATE "C")
            """;

    private static final String UPSERT_GOAL = """
            INSERT INTO carr_goal (quarter, currency, goal_cents, updated_at, event_id)
            SELECT quarter, currency, goal_cents, updated_at, event_id
            FROM jsonb_to_record(CAST(CAST(?1 AS text) AS jsonb)) AS x(quarter text, currency text, goal_cents bigint,
                 updated_at timestamptz, event_id text)
            ON CONFLICT (quarter) DO UPDATE SET
                currency = EXCLUDED.currency, goal_cents = EXCLUDED.goal_cents, updated_at = EXCLUDED.updated_at,
                event_id = EXCLUDED.event_id
            WHERE (EXCLUDED.updated_at, EXCLUDED.event_id COLLATE "C")
                > (carr_goal.updated_at, carr_goal.event_id COLLATE "C")
            """;

    /** Emits how many of the events became their contract's current state. */
    public Uni<Integer> storeContracts(List<ContractEvent> events) {
        return upsertAll(events, UPSERT_CONTRACT, e -> {
            ObjectNode row = EventJson.mapper().createObjectNode();
            row.put("contract_id", e.contractId());
            row.put("customer", e.customer());
            row.put("annual_value_cents", e.annualValueCents());
            row.put("currency", e.currency());
            row.put("status", e.status());
            row.put("signed_date", e.signedDate() == null ? null : e.signedDate().toString());
            row.put("expected_close_date", e.expectedCloseDate() == null ? null : e.expectedCloseDate().toString());
            row.put("start_date", e.startDate() == null ? null : e.startDate().toString());
            row.put("updated_at", e.updatedAt().toString());
            row.put("event_id", e.eventId());
            return row;
        });
    }

    /** Emits how many of the events became their quarter's current goal. */
    public Uni<Integer> storeGoals(List<CarrGoalEvent> events) {
        return upsertAll(events, UPSERT_GOAL, e -> {
            ObjectNode row = EventJson.mapper().createObjectNode();
            row.put("quarter", e.quarter());
            row.put("currency", e.currency());
            row.put("goal_cents", e.goalCents());
            row.put("updated_at", e.updatedAt().toString());
            row.put("event_id", e.eventId());
            return row;
        });
    }

    private static <E> Uni<Integer> upsertAll(List<E> events, String sql, Function<E, ObjectNode> row) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> Multi.createFrom()
                .iterable(events)
                .onItem().transformToUniAndConcatenate(e -> upsert(session, sql, row.apply(e).toString()))
                .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue))));
    }

    private static Uni<Integer> upsert(Mutiny.Session session, String sql, String row) {
        return session.createNativeQuery(sql).setParameter(1, row).executeUpdate();
    }
}
