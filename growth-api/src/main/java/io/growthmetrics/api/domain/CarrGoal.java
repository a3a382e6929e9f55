package io.growthmetrics.api.domain;

/** A quarter's CARR goal as read_carr_goals stores it: one amount in one currency. */
public record CarrGoal(String currency, long goalCents) {
}
