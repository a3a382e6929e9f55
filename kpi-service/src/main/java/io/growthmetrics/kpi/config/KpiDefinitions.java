package io.growthmetrics.kpi.config;

import io.growthmetrics.contracts.rules.KpiObservationRules;
import io.growthmetrics.contracts.rules.Violations;
import io.growthmetrics.kpi.domain.kpi.KpiDefinition;
import io.growthmetrics.kpi.domain.kpi.KpiKind;
import io.growthmetrics.kpi.domain.kpi.KpiSources;
import io.growthmetrics.kpi.domain.kpi.KpiTarget;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configured KPIs ({@code kpi.definitions.<key>.*}), checked once at start-up: a wrong kind, source or target
 * stops kpi-service with a message naming the property, instead of a review that silently lacks a KPI.
 */
@Startup
@ApplicationScoped
public class KpiDefinitions {

    private final List<KpiDefinition> definitions;
    private final List<String> nrInstancesColumns;

    public KpiDefinitions(KpiConfig config) {
        this.definitions = from(config.definitions());
        this.nrInstancesColumns = nrInstancesColumns(config.nrInstancesParts());
    }

    /** The installations_daily columns NR active instances adds up ({@code kpi.nr-instances-parts}). */
    public List<String> nrInstancesColumns() {
        return nrInstancesColumns;
    }

    static List<String> nrInstancesColumns(List<String> parts) {
        List<String> columns = new ArrayList<>();
        for (String part : parts) {
            String column = switch (part.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "hosted" -> "hosted_instances";
                case "remote" -> "remote_instances";
                default -> throw new IllegalStateException("kpi.nr-instances-parts: hosted and/or remote, got '"
                        + part + "'");
            };
            if (!columns.contains(column)) {
                columns.add(column);
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException("kpi.nr-instances-parts: hosted and/or remote, got nothing");
        }
        return List.copyOf(columns);
    }

    /** In review order (position, then key). */
    public List<KpiDefinition> all() {
        return definitions;
    }

    static List<KpiDefinition> from(Map<String, KpiConfig.Definition> configured) {
        List<String> problems = new ArrayList<>();
        List<KpiDefinition> result = new ArrayList<>();
        for (Map.Entry<String, KpiConfig.Definition> entry : configured.entrySet()) {
            String key = entry.getKey();
            String prefix = "kpi.definitions." + key + ".";
            KpiConfig.Definition d = entry.getValue();
            Violations keyProblems = KpiObservationRules.key(new Violations(), "key", key);
            if (!keyProblems.isEmpty()) {
                problems.add("kpi.definitions." + key + ": " + keyProblems.summary());
                continue;
            }
            KpiKind kind;
            try {
                kind = KpiKind.parse(d.kind());
            } catch (IllegalArgumentException e) {
                problems.add(prefix + "kind: " + e.getMessage());
                continue;
            }
            if (!KpiSources.ALL.contains(d.source())) {
                problems.add(prefix + "source: must be one of " + new java.util.TreeSet<>(KpiSources.ALL) + ", got '"
                        + d.source() + "'");
                continue;
            }
            int targets = (d.targetWowGrowthPct().isPresent() ? 1 : 0) + (d.targetGoal().isPresent() ? 1 : 0)
                    + (d.targetKpi().isPresent() ? 1 : 0);
            if (targets > 1) {
                problems.add(prefix + "target-*: at most one of target-wow-growth-pct, target-goal, target-kpi");
                continue;
            }
            KpiTarget target = d.targetWowGrowthPct().<KpiTarget>map(KpiTarget.WowGrowth::new)
                    .or(() -> d.targetGoal().map(KpiTarget.Goal::new))
                    .or(() -> d.targetKpi().map(KpiTarget.OfKpi::new))
                    .orElse(new KpiTarget.None());
            if (d.name().isBlank() || d.name().length() > 200) {
                problems.add(prefix + "name: 1 to 200 characters");
                continue;
            }
            result.add(new KpiDefinition(key, d.position(), d.name().strip(), d.unit().orElse("").strip(), kind,
                    d.source(), target, d.description().orElse("").strip()));
        }
        Set<String> keys = new java.util.HashSet<>();
        result.forEach(k -> keys.add(k.key()));
        for (KpiDefinition k : result) {
            if (k.target() instanceof KpiTarget.OfKpi of && (!keys.contains(of.key()) || of.key().equals(k.key()))) {
                problems.add("kpi.definitions." + k.key() + ".target-kpi: '" + of.key() + "' is not another defined KPI");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The KPI definitions are wrong: " + String.join("; ", problems));
        }
        result.sort(Comparator.comparingInt(KpiDefinition::position).thenComparing(KpiDefinition::key));
        return List.copyOf(result);
    }
}
