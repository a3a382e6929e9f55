package io.growthmetrics.api.view;

import io.growthmetrics.api.domain.CurrencyCode;

/**
 * The weekly endpoint's optional parameters, parsed, with their defaults. A series uses the ones it names in
 * {@link SeriesSource#parameters()}; the endpoint rejects the others when they are given.
 */
public record SeriesOptions(boolean includeDev, CurrencyCode currency) {

    public static final String INCLUDE_DEV = "includeDev";
    public static final String CURRENCY = "currency";
}
