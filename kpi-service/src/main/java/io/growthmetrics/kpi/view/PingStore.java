package io.growthmetrics.kpi.view;

import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;
import io.growthmetrics.kpi.domain.InstallationDay;
import io.growthmetrics.kpi.domain.InstallationDays;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes consumed pings: each event once, and for each installation and day the latest ping. Marks the first
 * changed day dirty so the refresh recomputes the daily views from there on (a late ping corrects its day
 * and every day after it).
 */
@ApplicationScoped
public class PingStore {

    private static final String DAY_COLUMNS = "day, instance_id, event_id, received_at, is_dev, driver, os_type, "
            + "platform_version, nodejs_version, license_type, hosted_instances, remote_instances";
    private static final int DAY_PARAMETERS = 12;
    /** Rows per upsert statement: 500 × 12 parameters stays well under PostgreSQL's 65,535. */
    static final int ROWS_PER_STATEMENT = 500;

    /** Keeps the later ping of the day: later receive time, then the higher event id (any order, same result). */
    private static final String ON_CONFLICT_KEEP_LATER = """
             ON CONFLICT (day, instance_id) DO UPDATE SET
                event_id = EXCLUDED.event_id, received_at = EXCLUDED.received_at, is_dev = EXCLUDED.is_dev,
                driver = EXCLUDED.driver, os_type = EXCLUDED.os_type, platform_version = EXCLUDED.platform_version,
                nodejs_version = EXCLUDED.nodejs_version, license_type = EXCLUDED.license_type,
                hosted_instances = EXCLUDED.hosted_instances, remote_instances = EXCLUDED.remote_instances
            WHERE (EXCLUDED.received_at, EXCLUDED.event_id) > (installation_day.received_at, installation_day.event_id)
            """;

    private static final String MARK_DIRTY = """
            UPDATE view_refresh SET dirty_from = LEAST(COALESCE(dirty_from, ?1), ?1) WHERE view_name = ?2
            """;

    /** One row of installation_day: the day as the ping describes it, and which ping that is. */
    record DayRow(InstallationDay day, UUID eventId, OffsetDateTime receivedAt) {
    }

    /** What a batch changed. */
    public record Outcome(int stored, int duplicates) {
    }

    /** Stores the events in one transaction; repeats (already stored, or twice in the batch) are skipped. */
    public Uni<Outcome> store(List<TelemetryPingEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new Outcome(0, 0));
        }
        Map<UUID, TelemetryPingEvent> byId = new LinkedHashMap<>();
        events.forEach(e -> byId.putIfAbsent(UUID.fromString(e.eventId()), e));
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session
                .createSelectionQuery("select p.eventId from InstallationPingEntity p where p.eventId in :ids", UUID.class)
                .setParameter("ids", byId.keySet())
                .getResultList()
                .flatMap(existing -> {
                    Set<UUID> known = Set.copyOf(existing);
                    List<TelemetryPingEvent> fresh = byId.entrySet().stream()
                            .filter(e -> !known.contains(e.getKey())).map(Map.Entry::getValue).toList();
                    return persist(session, fresh)
                            .replaceWith(new Outcome(fresh.size(), events.size() - fresh.size()));
                })));
    }

    private Uni<Void> persist(Mutiny.Session session, List<TelemetryPingEvent> fresh) {
        if (fresh.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<InstallationPingEntity> rows = new ArrayList<>(fresh.size());
        for (TelemetryPingEvent event : fresh) {
            rows.add(toRow(event));
        }
        LocalDate firstDay = fresh.stream().map(InstallationDays::dayOf).min(Comparator.naturalOrder()).orElseThrow();
        return session.persistAll(rows.toArray())
                .chain(session::flush)
                .chain(() -> Multi.createFrom().iterable(upsertStatements(fresh))
                        .onItem().transformToUniAndConcatenate(statement -> upsertDays(session, statement))
                        .collect().with(java.util.stream.Collectors.summingInt(Integer::intValue)))
                .chain(changed -> changed == 0 ? Uni.createFrom().voidItem()
                        : session.createNativeQuery(MARK_DIRTY)
                                .setParameter(1, firstDay)
                                .setParameter(2, ViewRefreshEntity.INSTALLATIONS)
                                .executeUpdate().replaceWithVoid());
    }

    /**
     * The batch's installation days, grouped for multi-row upserts (one round trip for up to {@link
     * #ROWS_PER_STATEMENT} rows instead of one per ping). One statement may not touch a row twice, so the second ping
     * of an installation and day in the batch goes to a later statement, and so on; the database's "keep the later"
     * rule then decides between them exactly as it did one ping at a time.
     */
    static List<List<DayRow>> upsertStatements(List<TelemetryPingEvent> events) {
        List<List<DayRow>> rounds = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (TelemetryPingEvent event : events) {
            InstallationDay day = InstallationDays.of(event);
            int round = seen.merge(day.day() + "/" + day.instanceId(), 1, Integer::sum) - 1;
            while (rounds.size() <= round) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(new DayRow(day, UUID.fromString(event.eventId()),
                    event.receivedAt().atOffset(ZoneOffset.UTC)));
        }
        List<List<DayRow>> statements = new ArrayList<>();
        for (List<DayRow> round : rounds) {
            for (int from = 0; from < round.size(); from += ROWS_PER_STATEMENT) {
                statements.add(round.subList(from, Math.min(round.size(), from + ROWS_PER_STATEMENT)));
            }
        }
        return statements;
    }

    private static Uni<Integer> upsertDays(Mutiny.Session session, List<DayRow> rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO installation_day (").append(DAY_COLUMNS).append(") VALUES ");
        for (int row = 0; row < rows.size(); row++) {
            sql.append(row == 0 ? "(" : ", (");
            for (int column = 1; column <= DAY_PARAMETERS; column++) {
                sql.append(column == 1 ? "?" : ", ?").append(row * DAY_PARAMETERS + column);
            }
            sql.append(')');
        }
        var query = session.createNativeQuery(sql.append(ON_CONFLICT_KEEP_LATER).toString());
        for (int row = 0; row < rows.size(); row++) {
            InstallationDay day = rows.get(row).day();
            int at = row * DAY_PARAMETERS;
            query.setParameter(at + 1, day.day())
                    .setParameter(at + 2, day.instanceId())
                    .setParameter(at + 3, rows.get(row).eventId())
                    .setParameter(at + 4, rows.get(row).receivedAt())
                    .setParameter(at + 5, day.isDev())
                    .setParameter(at + 6, day.driver())
                    .setParameter(at + 7, day.osType())
                    .setParameter(at + 8, day.platformVersion())
                    .setParameter(at + 9, day.nodejsVersion())
                    .setParameter(at + 10, day.licenseType())
                    .setParameter(at + 11, day.hostedInstances())
                    .setParameter(at + 12, day.remoteInstances());
        }
        return query.executeUpdate();
    }

    private static InstallationPingEntity toRow(TelemetryPingEvent event) {
        InstallationDay day = InstallationDays.of(event);
        InstallationPingEntity row = new InstallationPingEntity();
        row.eventId = UUID.fromString(event.eventId());
        row.instanceId = event.ping().instanceId();
        row.receivedAt = event.receivedAt().atOffset(ZoneOffset.UTC);
        row.day = day.day();
        row.source = event.source();
        row.platformVersion = day.platformVersion();
        row.nodejsVersion = day.nodejsVersion();
        row.osType = day.osType();
        row.driver = day.driver();
        row.licenseType = day.licenseType();
        row.hostedInstances = day.hostedInstances();
        row.remoteInstances = day.remoteInstances();
        try {
            row.event = EventJson.mapper().writeValueAsString(event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("An event read from JSON writes back to JSON", e);
        }
        return row;
    }
}
