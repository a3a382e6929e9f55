package io.growthmetrics.contracts.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.rules.KpiObservationRules;
import io.growthmetrics.contracts.rules.PullRequestMergedRules;
import io.growthmetrics.contracts.rules.Violations;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The KPI topics: schemas agree with the records, and the rules refuse what kpi-service could not store. */
class KpiEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final JsonSchema OBSERVATION = load("kpi.observations.v1");
    private static final JsonSchema PULL_REQUEST = load("engineering.pull-requests.v1");

    @Test
    void observationsValidateAndRoundTrip() throws Exception {
        KpiObservation weekly = new KpiObservation("mqls", new BigDecimal("42"), "2026-W47", null, "hubspot");
        KpiObservation moment = new KpiObservation("mqls", new BigDecimal("3.5"), null,
                Instant.parse("2026-11-20T10:00:00Z"), "hubspot");
        for (KpiObservation o : List.of(weekly, moment)) {
            JsonNode json = EventJson.mapper().valueToTree(o);
            assertEquals(Set.of(), OBSERVATION.validate(json), json.toString());
            assertEquals(o, EventJson.mapper().treeToValue(json, KpiObservation.class));
            assertTrue(KpiObservationRules.check(o, NOW).isEmpty());
        }
        assertFalse(EventJson.mapper().valueToTree(weekly).has("observedAt"), "absent rather than null");
        JsonNode documented = EventJson.mapper().readTree(
                "{\"kpi\":\"mqls\",\"value\":42,\"period\":\"2026-W47\",\"source\":\"hubspot\"}");
        assertEquals(Set.of(), OBSERVATION.validate(documented));
    }

    @Test
    void theObservationSchemaAndRulesRefuseTheSameMistakes() throws Exception {
        ObjectNode good = (ObjectNode) EventJson.mapper().readTree(
                "{\"kpi\":\"mqls\",\"value\":42,\"period\":\"2026-W47\",\"source\":\"hubspot\"}");
        ObjectNode both = good.deepCopy().put("observedAt", "2026-11-20T10:00:00Z");
        ObjectNode neither = good.deepCopy();
        neither.remove("period");
        ObjectNode badKey = good.deepCopy().put("kpi", "1mqls");
        ObjectNode stringValue = good.deepCopy().put("value", "42");
        for (JsonNode bad : List.of(both, neither, badKey, stringValue)) {
            assertFalse(OBSERVATION.validate(bad).isEmpty(), bad.toString());
        }
        assertFault("observedAt", KpiObservationRules.check(EventJson.mapper().treeToValue(both, KpiObservation.class), NOW));
        assertFault("period", KpiObservationRules.check(EventJson.mapper().treeToValue(neither, KpiObservation.class), NOW));
        assertFault("kpi", KpiObservationRules.check(EventJson.mapper().treeToValue(badKey, KpiObservation.class), NOW));
        assertFault("period", KpiObservationRules.check(obs("2026-W54", null), NOW));
        assertFault("period", KpiObservationRules.check(obs("2026-W00", null), NOW));
        assertFault("period", KpiObservationRules.check(obs("2019-W52", null), NOW));
        assertFault("period", KpiObservationRules.check(obs("2026-W50", null), NOW));
        assertTrue(KpiObservationRules.check(obs("2026-W48", null), NOW).isEmpty(), "the current week");
        assertFault("observedAt", KpiObservationRules.check(obs(null, Instant.parse("9999-12-31T00:00:00Z")), NOW));
        assertFault("value", KpiObservationRules.check(new KpiObservation("mqls", new BigDecimal("1e200"), "2026-W47",
                null, "s"), NOW));
        assertFault("source", KpiObservationRules.check(new KpiObservation("mqls", BigDecimal.ONE, "2026-W47", null,
                "a\u0000"), NOW));
    }

    @Test
    void isoWeeksAreRealOnes() {
        assertEquals(Optional.of(LocalDate.of(2026, 11, 16)), KpiObservationRules.weekStart("2026-W47"));
        assertEquals(Optional.of(LocalDate.of(2026, 12, 28)), KpiObservationRules.weekStart("2026-W53"));
        assertEquals(Optional.empty(), KpiObservationRules.weekStart("2027-W53"));
        assertEquals(Optional.empty(), KpiObservationRules.weekStart("2026-W7"));
        assertEquals(Optional.empty(), KpiObservationRules.weekStart("２０２６-W47"));
    }

    @Test
    void mergedPullRequestsValidateRoundTripAndKeyCaseInsensitively() throws Exception {
        PullRequestMerged merged = new PullRequestMerged(1, "FlowFuse/flowfuse", 4321,
                Instant.parse("2026-11-20T10:00:00Z"), "webhook", "72d3162e-cc78-11e3-81ab-4c9367dc0958");
        JsonNode json = EventJson.mapper().valueToTree(merged);
        assertEquals(Set.of(), PULL_REQUEST.validate(json), json.toString());
        assertFalse(json.has("key"));
        assertEquals(merged, EventJson.mapper().treeToValue(json, PullRequestMerged.class));
        assertEquals("flowfuse/flowfuse#4321", merged.key());
        assertTrue(PullRequestMergedRules.check(merged, NOW).isEmpty());

        assertFault("repository", PullRequestMergedRules.check(new PullRequestMerged(1, "flowfuse", 1, NOW, "webhook",
                null), NOW));
        assertFault("number", PullRequestMergedRules.check(new PullRequestMerged(1, "a/b", 0, NOW, "webhook", null), NOW));
        assertFault("mergedAt", PullRequestMergedRules.check(new PullRequestMerged(1, "a/b", 1, null, "webhook", null),
                NOW));
        assertFault("source", PullRequestMergedRules.check(new PullRequestMerged(1, "a/b", 1, NOW, "manual", null), NOW));
        ObjectNode zero = ((ObjectNode) json.deepCopy()).put("number", 0);
        assertFalse(PULL_REQUEST.validate(zero).isEmpty());
    }

    @Test
    void numbersAreNeverBentToFit() {
        String merged = "{\"schemaVersion\":1,\"repository\":\"a/b\",\"number\":%s,"
                + "\"mergedAt\":\"2026-11-20T10:00:00Z\",\"source\":\"webhook\"}";
        for (String number : List.of("2.5", "1e3", "null")) {
            assertThrows(Exception.class, () -> EventJson.mapper().readValue(String.format(merged, number),
                    PullRequestMerged.class), number);
        }
    }

    private static KpiObservation obs(String period, Instant at) {
        return new KpiObservation("mqls", BigDecimal.TEN, period, at, "hubspot");
    }

    private static void assertFault(String field, Violations v) {
        assertTrue(v.fields().contains(field), () -> "expected a fault in " + field + ", got " + v.list());
    }

    private static JsonSchema load(String topic) {
        try (InputStream in = KpiEventsTest.class.getResourceAsStream("/schemas/" + topic + ".schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
