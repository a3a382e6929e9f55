package io.growthmetrics.kpi.domain.kpi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The weekly values of a KPI whose figures are published ({@code kpi.observations.v1}). Each source is taken on its
 * own, then sources add up:
 * <ul>
 *   <li>a flow: the source's whole-week figure plus every figure observed at a moment of the week;</li>
 *   <li>a stock: the source's whole-week figure when it gave one, else its latest figure observed in the week.</li>
 * </ul>
 */
public final class ObservationWeeks {

    /** One stored observation: {@code moment} is null for a whole week's figure. */
    public record Observation(String source, LocalDate weekStart, Instant moment, BigDecimal value) {
    }

    private ObservationWeeks() {
    }

    public static NavigableMap<LocalDate, BigDecimal> of(Collection<Observation> observations, KpiKind kind,
            LocalDate today) {
        LocalDate currentWeek = Weeks.monday(today);
        // per week, per source: the figure so far (and, for a stock, the moment it is of)
        Map<LocalDate, Map<String, Observation>> chosen = new HashMap<>();
        Map<LocalDate, Map<String, BigDecimal>> sums = new HashMap<>();
        for (Observation o : observations) {
            if (o.weekStart().isAfter(currentWeek)) {
                continue;
            }
            if (kind == KpiKind.FLOW) {
                sums.computeIfAbsent(o.weekStart(), w -> new HashMap<>()).merge(o.source(), o.value(), BigDecimal::add);
            } else {
                chosen.computeIfAbsent(o.weekStart(), w -> new HashMap<>()).merge(o.source(), o, ObservationWeeks::later);
            }
        }
        NavigableMap<LocalDate, BigDecimal> weeks = new TreeMap<>();
        sums.forEach((week, bySource) -> weeks.put(week, bySource.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)));
        chosen.forEach((week, bySource) -> weeks.put(week, bySource.values().stream().map(Observation::value)
                .reduce(BigDecimal.ZERO, BigDecimal::add)));
        return weeks;
    }

    /** A whole-week figure wins over moments; of two moments the later wins. */
    private static Observation later(Observation a, Observation b) {
        if (a.moment() == null) {
            return a;
        }
        if (b.moment() == null) {
            return b;
        }
        return b.moment().isAfter(a.moment()) ? b : a;
    }
}
