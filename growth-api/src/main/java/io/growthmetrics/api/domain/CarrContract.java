package io.growthmetrics.api.domain;

import java.time.LocalDate;

/** A sales contract as read_carr_contracts lists it (one currency, already chosen by the caller). */
public record CarrContract(String contractId, long annualValueCents, String status, LocalDate signedDate,
        LocalDate expectedCloseDate) {

    public static final String SIGNED = "signed";
    public static final String PIPELINE = "pipeline";
}
