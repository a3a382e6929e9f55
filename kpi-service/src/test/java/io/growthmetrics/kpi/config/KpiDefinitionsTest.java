package io.growthmetrics.kpi.config;

import io.growthmetrics.kpi.domain.kpi.KpiDefinition;
import io.growthmetrics.kpi.domain.kpi.KpiKind;
import io.growthmetrics.kpi.domain.kpi.KpiTarget;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KpiDefinitionsTest {

    record Def(String name, Optional<String> unit, String kind, String source, Optional<BigDecimal> targetWowGrowthPct,
            Optional<BigDecimal> targetGoal, Optional<String> targetKpi, int position, Optional<String> description)
            implements KpiConfig.Definition {
    }

    private static Def def(String kind, String source, int position) {
        return new Def("A KPI", Optional.of("things"), kind, source, Optional.empty(), Optional.empty(),
                Optional.empty(), position, Optional.empty());
    }

    @Test
    void definitionsAreOrderedByPositionAndTargetsTyped() {
        Map<String, KpiConfig.Definition> configured = new LinkedHashMap<>();
        configured.put("mqls", new Def("MQLs", Optional.empty(), "flow", "observations", Optional.of(BigDecimal.TEN),
                Optional.empty(), Optional.empty(), 2, Optional.empty()));
        configured.put("carrGoal", def("stock", "revenue.carr-goal", 3));
        configured.put("carrClosed", new Def("CARR Closed", Optional.of("USD"), "STOCK", "revenue.carr-closed",
                Optional.empty(), Optional.empty(), Optional.of("carrGoal"), 1, Optional.of(" closed ")));
        List<KpiDefinition> result = KpiDefinitions.from(configured);
        assertEquals(List.of("carrClosed", "mqls", "carrGoal"), result.stream().map(KpiDefinition::key).toList());
        assertEquals(new KpiDefinition("carrClosed", 1, "CARR Closed", "USD", KpiKind.STOCK, "revenue.carr-closed",
                new KpiTarget.OfKpi("carrGoal"), "closed"), result.get(0));
        assertEquals(new KpiTarget.WowGrowth(BigDecimal.TEN), result.get(1).target());
        assertEquals(new KpiTarget.None(), result.get(2).target());
    }

    @Test
    void aWrongDefinitionStopsTheStartNamingTheProperty() {
        assertProblem("kpi.definitions.x.kind", Map.of("x", def("gauge", "observations", 1)));
        assertProblem("kpi.definitions.x.source", Map.of("x", def("flow", "crm", 1)));
        assertProblem("kpi.definitions.1x", Map.of("1x", def("flow", "observations", 1)));
        assertProblem("kpi.definitions.x.target-kpi", Map.of("x", new Def("X", Optional.empty(), "flow",
                "observations", Optional.empty(), Optional.empty(), Optional.of("nope"), 1, Optional.empty())));
        assertProblem("kpi.definitions.x.target-*", Map.of("x", new Def("X", Optional.empty(), "flow", "observations",
                Optional.of(BigDecimal.ONE), Optional.of(BigDecimal.ONE), Optional.empty(), 1, Optional.empty())));
        assertProblem("kpi.nr-instances-parts", () -> KpiDefinitions.nrInstancesColumns(List.of("hosted", "edge")));
        assertEquals(List.of("remote_instances"), KpiDefinitions.nrInstancesColumns(List.of(" Remote ")));
    }

    private static void assertProblem(String named, Map<String, KpiConfig.Definition> configured) {
        assertProblem(named, () -> KpiDefinitions.from(configured));
    }

    private static void assertProblem(String named, org.junit.jupiter.api.function.Executable start) {
        IllegalStateException e = assertThrows(IllegalStateException.class, start);
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }
}
