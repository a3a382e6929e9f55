package io.growthmetrics.kpi.domain.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The review's figures: for each KPI and each week from its first week with data to the current week, the value,
 * the previous week's, the week-on-week growth, the target and whether it was met.
 * <ul>
 *   <li>wowGrowthPct = (value − previous) / previous × 100, rounded half-up to 2 decimals; null without a previous
 *       value or when it is 0;</li>
 *   <li>a {@code wow-growth} target of g %: the week had to reach previous × (1 + g / 100); on track when
 *       value ≥ that (equivalently growth ≥ g); unknown without a previous value;</li>
 *   <li>a {@code goal}: on track when value ≥ goal;</li>
 *   <li>another KPI: on track when value ≥ that KPI's value the same week; unknown when it has none;</li>
 *   <li>a week without a value has no growth and no verdict.</li>
 * </ul>
 */
public final class KpiWeeks {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private KpiWeeks() {
    }

    /**
     * @param values each KPI's weekly values, keyed by the week's Monday (weeks without data absent)
     * @param today  the current day: the last week computed is its week
     */
    public static List<KpiWeek> compute(List<KpiDefinition> definitions,
            Map<String, NavigableMap<LocalDate, BigDecimal>> values, LocalDate today) {
        LocalDate currentWeek = Weeks.monday(today);
        List<KpiWeek> weeks = new ArrayList<>();
        for (KpiDefinition definition : definitions) {
            NavigableMap<LocalDate, BigDecimal> own = values.getOrDefault(definition.key(), new TreeMap<>());
            NavigableMap<LocalDate, BigDecimal> known = own.headMap(currentWeek, true);
            if (known.isEmpty()) {
                continue;
            }
            for (LocalDate week = known.firstKey(); !week.isAfter(currentWeek); week = week.plusWeeks(1)) {
                BigDecimal value = known.get(week);
                BigDecimal previous = known.get(week.minusWeeks(1));
                BigDecimal growth = growthPct(previous, value);
                BigDecimal targetValue = null;
                Boolean onTrack = null;
                KpiTarget target = definition.target();
                if (target instanceof KpiTarget.WowGrowth g) {
                    if (previous != null) {
                        BigDecimal needed = previous.multiply(BigDecimal.ONE.add(g.pct().divide(HUNDRED)));
                        targetValue = needed.setScale(2, RoundingMode.HALF_UP);
                        onTrack = value == null ? null : value.compareTo(needed) >= 0;
                    }
                } else if (target instanceof KpiTarget.Goal g) {
                    targetValue = g.value();
                    onTrack = value == null ? null : value.compareTo(g.value()) >= 0;
                } else if (target instanceof KpiTarget.OfKpi k) {
                    targetValue = values.getOrDefault(k.key(), new TreeMap<>()).get(week);
                    onTrack = value == null || targetValue == null ? null : value.compareTo(targetValue) >= 0;
                }
                weeks.add(new KpiWeek(definition.key(), week, value, previous, growth, targetValue, onTrack));
            }
        }
        return weeks;
    }

    /** (value − previous) / previous × 100, 2 decimals half-up; null without both or for a zero base. */
    public static BigDecimal growthPct(BigDecimal previous, BigDecimal value) {
        if (previous == null || value == null || previous.signum() == 0) {
            return null;
        }
        // the same rule as growth-api's weekly growth: exact decimals, the only rounding the one stated
        return value.subtract(previous).multiply(HUNDRED).divide(previous, 2, RoundingMode.HALF_UP);
    }
}
