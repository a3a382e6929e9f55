package io.growthmetrics.contracts.rules;

import io.growthmetrics.contracts.revenue.ContractEvent;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The rules of a {@code revenue.contracts.v1} contract, as kpi-service's {@code carr_contract} stores it: customer in
 * {@code varchar(255)}, value in {@code bigint} (≥ 0), dates from {@link EventTimes#EARLIEST_DAY} to
 * {@link EventTimes#LATEST_PLANNED_DAY}.
 */
public final class ContractRules {

    public static final Pattern CONTRACT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,127}");
    public static final int CUSTOMER = 255;
    public static final int EVENT_ID = RevenueRules.ID;

    private ContractRules() {
    }

    public static Violations check(ContractEvent c, Instant now) {
        Violations v = new Violations()
                .requiredText("eventId", c.eventId(), EVENT_ID)
                .required("updatedAt", c.updatedAt())
                .instant("updatedAt", c.updatedAt(), EventTimes.EARLIEST, EventTimes.latestObservation(now))
                .requiredText("contractId", c.contractId(), RevenueRules.ID);
        if (c.contractId() != null && !c.contractId().isBlank() && !CONTRACT_ID.matcher(c.contractId()).matches()) {
            v.field("contractId", "'contractId' must be 1 to 128 letters, digits, '.', '_', ':' or '-' "
                    + "(starting with a letter or digit)");
        }
        v.requiredText("customer", c.customer(), CUSTOMER)
                .range("annualValueCents", c.annualValueCents(), 0, Long.MAX_VALUE);
        RevenueRules.currency(v, "currency", c.currency(), true);
        if (!ContractEvent.SIGNED.equals(c.status()) && !ContractEvent.PIPELINE.equals(c.status())) {
            v.field("status", "'status' must be signed or pipeline");
        }
        if (ContractEvent.SIGNED.equals(c.status())) {
            v.required("signedDate", c.signedDate());
        }
        if (ContractEvent.PIPELINE.equals(c.status())) {
            v.required("expectedCloseDate", c.expectedCloseDate());
        }
        return v.date("signedDate", c.signedDate(), EventTimes.EARLIEST_DAY, EventTimes.LATEST_PLANNED_DAY)
                .date("expectedCloseDate", c.expectedCloseDate(), EventTimes.EARLIEST_DAY, EventTimes.LATEST_PLANNED_DAY)
                .date("startDate", c.startDate(), EventTimes.EARLIEST_DAY, EventTimes.LATEST_PLANNED_DAY);
    }
}
