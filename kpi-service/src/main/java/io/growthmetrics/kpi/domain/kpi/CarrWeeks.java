package io.growthmetrics.kpi.domain.kpi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Collection;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * CARR as the review sees it each week: of the quarter the week's last day falls in (its Sunday, or today for the
 * current week), as of that day, in the KPI currency's minor units.
 * <ul>
 *   <li>closed: Σ annual value of the {@code signed} contracts signed in that quarter up to that day;</li>
 *   <li>projected: closed + Σ annual value of the {@code pipeline} contracts expected to close in that quarter
 *       (the contracts' current state: a past week sees today's pipeline, as no history of it is kept);</li>
 *   <li>goal: the quarter's goal when set in this currency.</li>
 * </ul>
 */
public final class CarrWeeks {

    public record Contract(String status, long annualValueCents, LocalDate signedDate, LocalDate expectedCloseDate) {
    }

    public record Figures(NavigableMap<LocalDate, BigDecimal> closed, NavigableMap<LocalDate, BigDecimal> projected,
            NavigableMap<LocalDate, BigDecimal> goal) {
    }

    private CarrWeeks() {
    }

    /**
     * @param contracts the contracts in the KPI currency
     * @param goalCents the goals set in the KPI currency, by quarter label ({@code 2026-Q4})
     * @param from      the first week's Monday
     */
    public static Figures compute(Collection<Contract> contracts, Map<String, Long> goalCents, LocalDate from,
            LocalDate today) {
        NavigableMap<LocalDate, BigDecimal> closed = new TreeMap<>();
        NavigableMap<LocalDate, BigDecimal> projected = new TreeMap<>();
        NavigableMap<LocalDate, BigDecimal> goal = new TreeMap<>();
        for (LocalDate week = Weeks.monday(from); !week.isAfter(today); week = week.plusWeeks(1)) {
            LocalDate asOf = week.plusDays(6).isAfter(today) ? today : week.plusDays(6);
            LocalDate quarterStart = asOf.withDayOfMonth(1)
                    .withMonth((asOf.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1);
            LocalDate quarterEnd = quarterStart.plusMonths(3).minusDays(1);
            long closedCents = 0;
            long pipelineCents = 0;
            for (Contract c : contracts) {
                if ("signed".equals(c.status()) && c.signedDate() != null && !c.signedDate().isBefore(quarterStart)
                        && !c.signedDate().isAfter(asOf)) {
                    closedCents = Math.addExact(closedCents, c.annualValueCents());
                } else if ("pipeline".equals(c.status()) && c.expectedCloseDate() != null
                        && !c.expectedCloseDate().isBefore(quarterStart) && !c.expectedCloseDate().isAfter(quarterEnd)) {
                    pipelineCents = Math.addExact(pipelineCents, c.annualValueCents());
                }
            }
            closed.put(week, major(closedCents));
            projected.put(week, major(Math.addExact(closedCents, pipelineCents)));
            Long quarterGoal = goalCents.get(asOf.getYear() + "-Q" + asOf.get(IsoFields.QUARTER_OF_YEAR));
            if (quarterGoal != null) {
                goal.put(week, major(quarterGoal));
            }
        }
        return new Figures(closed, projected, goal);
    }

    /** Cents as major units with 2 decimals (every KPI currency has 2: the API's currencies are usd, eur, gbp). */
    static BigDecimal major(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }
}
