package io.growthmetrics.api.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A snapshot metric's value on one day. */
public record MetricValue(LocalDate date, BigDecimal value) {
}
