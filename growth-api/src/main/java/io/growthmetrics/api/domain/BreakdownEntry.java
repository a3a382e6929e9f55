package io.growthmetrics.api.domain;

/** Installations on one day sharing one value of a breakdown dimension (e.g. os = linux). */
public record BreakdownEntry(String value, int installations, long hostedInstances, long remoteInstances) {
}
