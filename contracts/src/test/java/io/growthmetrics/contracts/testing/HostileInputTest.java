package io.growthmetrics.contracts.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.growthmetrics.contracts.rules.JsonLimits;
import io.growthmetrics.contracts.rules.StorableText;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generators themselves: the template is good, and every generated body is refused by a strict parser that applies
 * {@link JsonLimits} (kinds that need the endpoint's schema or size limits are checked for their shape instead).
 */
class HostileInputTest {

    static Map<String, Object> template() {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("users", 3);
        counts.put("ratio", 0.5);
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("name", "abc");
        inner.put("counts", counts);
        inner.put("enabled", true);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", "id-1");
        t.put("inner", inner);
        return t;
    }

    private final ObjectMapper strict = strictMapper();

    static ObjectMapper strictMapper() {
        ObjectMapper m = new ObjectMapper();
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                .maxStringLength(1 << 20).maxNumberLength(100).build());
        m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        m.enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        m.enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return m;
    }

    /** Null when the strict parser and the limits accept the body (and the required "id" is text). */
    String refusal(byte[] body) {
        if (StorableText.utf8Problem(body) != null) {
            return "utf-8";
        }
        JsonNode node;
        try {
            node = strict.readTree(body);
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
        if (node == null || node.isMissingNode() || !node.isObject()) {
            return "not an object";
        }
        JsonNode id = node.get("id");
        if (id == null || !id.isTextual() || id.textValue().isBlank()) {
            return "id";
        }
        if (StorableText.problem(id.textValue(), 256) != null) {
            return "id text";
        }
        ObjectNode obj = (ObjectNode) node;
        return JsonLimits.DEFAULT.problem("body", obj);
    }

    @Test
    void templateIsGoodAndEveryHostileBodyIsRefused() {
        Gen gen = Gen.fromSystemProperties();
        HostileInput hostile = new HostileInput(gen, template(), HostileInput.Bounds.DEFAULT).required("id")
                .contentTypes(HostileInput.CONTENT_TYPES);
        assertEquals(null, refusal(hostile.good()));
        Set<HostileInput.Kind> schemaOnly = Set.of(HostileInput.Kind.WRONG_TYPE, HostileInput.Kind.TOO_MANY_KEYS,
                HostileInput.Kind.HUGE_BODY);
        Map<HostileInput.Kind, Integer> seen = new EnumMap<>(HostileInput.Kind.class);
        int tries = Gen.tries(1000);
        for (int i = 0; i < tries; i++) {
            HostileInput.Case c = hostile.next();
            seen.merge(c.kind(), 1, Integer::sum);
            assertNotNull(c.contentType());
            if (!schemaOnly.contains(c.kind())) {
                assertNotNull(refusal(c.body()), () -> c + " was accepted, " + gen.where(0));
            }
        }
        assertEquals(HostileInput.Kind.values().length, seen.size(), "every kind generated: " + seen);
    }

    @Test
    void hostileValuesAreNeverTheGoodType() {
        Gen gen = new Gen(7);
        HostileInput hostile = new HostileInput(gen, template(), HostileInput.Bounds.DEFAULT);
        for (int i = 0; i < 500; i++) {
            HostileInput.Value v = hostile.hostileValue("text");
            String raw = new String(v.json(), java.nio.charset.StandardCharsets.UTF_8);
            boolean refused = StorableText.utf8Problem(v.json()) != null;
            try {
                JsonNode n = strict.readTree(v.json());
                refused |= !n.isTextual() || StorableText.problem(n.textValue(), 8192) != null;
            } catch (Exception e) {
                refused = true;
            }
            int attempt = i;
            assertTrue(refused, () -> "try " + attempt + ": " + v.kind() + " " + HostileInput.abbreviate(raw));
        }
    }
}
