package io.growthmetrics.snapshot.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.growthmetrics.contracts.EventJson;

/** How request bodies of tools (feature metrics, KPI figures) are read: exact decimals, nothing after the JSON. */
final class RequestJson {

    static final ObjectReader READER = EventJson.mapper().reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);

    private RequestJson() {
    }
}
