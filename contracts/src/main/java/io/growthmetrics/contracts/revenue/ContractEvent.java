package io.growthmetrics.contracts.revenue;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Value on {@code revenue.contracts.v1} (key = contractId): a sales contract as of its latest change, for CARR.
 * The latest {@code updatedAt} per contract wins (ties: the higher eventId).
 *
 * @param status            {@code signed} or {@code pipeline}
 * @param annualValueCents  annual contract value in minor units of {@code currency}
 * @param signedDate        for signed contracts: the day it was signed
 * @param expectedCloseDate for pipeline: the day it is expected to close
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContractEvent(
        int schemaVersion,
        String eventId,
        Instant updatedAt,
        String contractId,
        String customer,
        long annualValueCents,
        String currency,
        String status,
        LocalDate signedDate,
        LocalDate expectedCloseDate,
        LocalDate startDate) {

    public static final int SCHEMA_VERSION = 1;
    public static final String SIGNED = "signed";
    public static final String PIPELINE = "pipeline";
}
