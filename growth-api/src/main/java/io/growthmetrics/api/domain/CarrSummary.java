package io.growthmetrics.api.domain;

import java.util.Collection;
import java.util.Optional;

/**
 * Contracted ARR for a calendar quarter, in one currency, in whole cents:
 * <ul>
 *   <li>{@code closedCents}: Σ annual value of the contracts with status {@code signed} whose signed date is in
 *       the quarter;</li>
 *   <li>{@code projectedCents}: closed + Σ annual value of the contracts with status {@code pipeline} whose
 *       expected close date is in the quarter;</li>
 *   <li>{@code goalCents}: the quarter's goal when it is set in this currency, otherwise 0 (there is no currency
 *       conversion).</li>
 * </ul>
 * Contracts in other currencies are never added in. A contract without the date its status needs counts nowhere.
 */
public record CarrSummary(String quarter, String currency, long closedCents, long projectedCents, long goalCents) {

    /**
     * @param contracts the contracts in {@code currency}; any others must already be filtered out, but contracts
     *                  outside the quarter may be included (they are skipped here)
     * @param goal      the quarter's goal, whatever its currency
     */
    public static CarrSummary of(Quarter quarter, CurrencyCode currency, Collection<CarrContract> contracts,
            Optional<CarrGoal> goal) {
        long closed = 0;
        long pipeline = 0;
        for (CarrContract contract : contracts) {
            if (CarrContract.SIGNED.equals(contract.status()) && quarter.contains(contract.signedDate())) {
                closed = Math.addExact(closed, contract.annualValueCents());
            } else if (CarrContract.PIPELINE.equals(contract.status()) && quarter.contains(contract.expectedCloseDate())) {
                pipeline = Math.addExact(pipeline, contract.annualValueCents());
            }
        }
        long goalCents = goal.filter(g -> currency.code().equalsIgnoreCase(g.currency())).map(CarrGoal::goalCents).orElse(0L);
        return new CarrSummary(quarter.label(), currency.code(), closed, Math.addExact(closed, pipeline), goalCents);
    }
}
