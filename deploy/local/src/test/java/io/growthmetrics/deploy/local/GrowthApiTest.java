package io.growthmetrics.deploy.local;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GrowthApiTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-23");

    @Test
    void readsTheDayFromTheDailyArray() {
        Object json = Json.parse("""
                [{"date":"2026-11-22","installations":7,"hostedInstances":3,"remoteInstances":0,"added":1,"removed":0},
                 {"date":"2026-11-23","installations":1,"hostedInstances":9,"remoteInstances":41,"added":1,"removed":0}]
                """);
        assertEquals(OptionalLong.of(1), GrowthApi.installationsOn(json, DAY));
        assertEquals(OptionalLong.of(7), GrowthApi.installationsOn(json, DAY.minusDays(1)));
    }

    @Test
    void noFigureWhenTheResponseHasNone() {
        assertEquals(OptionalLong.empty(), GrowthApi.installationsOn(Json.parse("[]"), DAY));
        assertEquals(OptionalLong.empty(), GrowthApi.installationsOn(Json.parse("{\"status\":\"x\"}"), DAY));
        assertEquals(OptionalLong.of(4), GrowthApi.installationsOn(Json.parse("{\"installations\":4}"), DAY));
    }

    @Test
    void jsonReader() {
        Object json = Json.parse("{\"a\": [1, 2.5, -3e2, true, false, null, \"x\\\"y\\u00e9\\n\"], \"b\": {}}");
        Map<?, ?> map = (Map<?, ?>) json;
        List<?> a = (List<?>) map.get("a");
        assertEquals(7, a.size());
        assertEquals("x\"yé\n", a.get(6));
        assertEquals(-300, ((java.math.BigDecimal) a.get(2)).intValue());
        assertEquals(Map.of(), map.get("b"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,2] x"));
    }
}
