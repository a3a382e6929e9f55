package io.growthmetrics.contracts.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.telemetry.TelemetryPing;
import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorableRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void textRefusesNulUnpairedSurrogatesAndOverlongValues() {
        assertNull(StorableText.problem("plain é 😀", 9));
        assertTrue(StorableText.problem("a\u0000b", 10).contains("NUL"));
        assertTrue(StorableText.problem("a\uD800b", 10).contains("surrogate"));
        assertTrue(StorableText.problem("a\uDC00", 10).contains("surrogate"));
        assertTrue(StorableText.problem("\uD83D", 10).contains("surrogate"));
        // Code points, as varchar(n) counts them: five emoji are ten UTF-16 units but five characters.
        assertNull(StorableText.problem("😀😀😀😀😀", 5));
        assertTrue(StorableText.problem("abcdef", 5).contains("longer than 5"));
    }

    @Test
    void numbersAreBoundedOnBothSidesOfThePoint() {
        assertNull(StorableNumber.problem(new BigDecimal("123.45"), 3, 2));
        assertNull(StorableNumber.problem(new BigDecimal("1.2300000"), 1, 2));
        assertNull(StorableNumber.problem(BigDecimal.ZERO.setScale(500), 1, 1));
        assertTrue(StorableNumber.problem(new BigDecimal("1e200000"), 38, 38).contains("out of range"));
        assertTrue(StorableNumber.problem(new BigDecimal("1e-200"), 38, 38).contains("after the decimal point"));
    }

    @Test
    void jsonTreesAreCheckedAtEveryDepth() throws Exception {
        JsonLimits limits = new JsonLimits(3, 8, 10, 5, 2);
        assertNull(limits.problem("x", json("{\"a\":{\"b\":[1,\"ok\"]}}")));
        assertTrue(limits.problem("x", json("{\"a\":{\"b\":[[1]]}}")).contains("deeper than 3"));
        assertTrue(limits.problem("x", json("{\"a\":\"n\\u0000\"}")).contains("'x.a' contains a NUL"));
        assertTrue(limits.problem("x", json("{\"n\\u0000\":1}")).contains("a key in 'x'"));
        assertTrue(limits.problem("x", json("[1e9]")).contains("'x[0]' is out of range"));
        assertTrue(limits.problem("x", json("{\"s\":\"12345678901\"}")).contains("longer than 10"));
    }

    @Test
    void aPingEnvelopeIsCheckedFieldByField() throws Exception {
        TelemetryPingEvent good = event("inst-1", NOW, Map.of("note", json("\"fine\"")));
        assertTrue(TelemetryPingRules.check(good, NOW, JsonLimits.DEFAULT).isEmpty());

        Violations nul = TelemetryPingRules.check(event("inst-1", NOW, Map.of("note", json("\"a\\u0000b\""))), NOW,
                JsonLimits.DEFAULT);
        assertEquals("'note' contains a NUL character (\\u0000) at position 1", nul.summary());

        Violations future = TelemetryPingRules.check(event("inst-1", Instant.parse("9999-12-31T00:00:00Z"), Map.of()),
                NOW, JsonLimits.DEFAULT);
        assertTrue(future.summary().startsWith("'receivedAt' must be between"));

        Violations longId = TelemetryPingRules.check(event("x".repeat(257), NOW, Map.of()), NOW, JsonLimits.DEFAULT);
        assertTrue(longId.summary().contains("'instanceId' is longer than 256"));
        assertFalse(longId.isEmpty());
    }

    private static TelemetryPingEvent event(String instanceId, Instant receivedAt, Map<String, JsonNode> extras) {
        return new TelemetryPingEvent(1, "0b8f2d4e-6a1c-4e3b-9f7d-2c5a8e1b3d90", receivedAt, "ping", null,
                new TelemetryPing(instanceId, null, null, null), extras);
    }

    @Test
    void utf8IsCheckedStrictlyOverlongFormsAndBeyondU10FFFFIncluded() {
        assertNull(StorableText.utf8Problem("plain é 😀".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertNull(StorableText.utf8Problem(new byte[0]));
        // Jackson's parser takes both of these: C0 80 becomes NUL, F4 90 80 80 two lone surrogates.
        assertTrue(StorableText.utf8Problem(new byte[]{'a', (byte) 0xC0, (byte) 0x80}).contains("byte 1"));
        assertTrue(StorableText.utf8Problem(new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}) != null);
        assertTrue(StorableText.utf8Problem(new byte[]{'a', 'b', (byte) 0xE2, (byte) 0x82}) != null);
    }

    @Test
    void jsonLimitsRefuseANumberADoubleParserMadeInfinite() {
        JsonNode infinite = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.numberNode(Double.POSITIVE_INFINITY);
        assertTrue(JsonLimits.DEFAULT.problem("x", infinite).contains("out of range"));
    }

    private static JsonNode json(String text) throws Exception {
        return EventJson.mapper().readTree(text);
    }
}
