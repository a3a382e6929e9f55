package io.growthmetrics.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DerivedMetricsConfigTest {

    private static GrowthApiConfig config(Map<String, String> properties, Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(GrowthApiConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 250), new EnvConfigSource(env, 300))
                .build();
        return config.getConfigMapping(GrowthApiConfig.class);
    }

    @Test
    void derivedMetricsAreAMapByQuotedName() {
        GrowthApiConfig c = config(Map.of(
                "growth-api.derived-metrics.\"adoption.tables\".numerator", "tables.databases",
                "growth-api.derived-metrics.\"adoption.tables\".denominator", "platform.teamCount",
                "growth-api.derived-metrics.\"adoption.teams-with-devices\".numerator", "platform.teamsWithDevices",
                "growth-api.derived-metrics.\"adoption.teams-with-devices\".denominator", "platform.teamCount"), Map.of());
        assertEquals(2, c.derivedMetrics().size());
        assertEquals("tables.databases", c.derivedMetrics().get("adoption.tables").numerator());
        assertEquals("platform.teamsWithDevices", c.derivedMetrics().get("adoption.teams-with-devices").numerator());
    }

    @Test
    void environmentVariablesAddAndOverrideDerivedMetrics() {
        GrowthApiConfig c = config(Map.of(
                "growth-api.derived-metrics.\"adoption.tables\".numerator", "tables.databases",
                "growth-api.derived-metrics.\"adoption.tables\".denominator", "platform.teamCount",
                "growth-api.derived-metrics.\"adoption.teams-with-devices\".numerator", "platform.teamsWithDevices",
                "growth-api.derived-metrics.\"adoption.teams-with-devices\".denominator", "platform.teamCount"),
                Map.of(
                        // a new one: each _ of the key becomes a dot
                        "GROWTH_API_DERIVED_METRICS__ADOPTION_MQTT__NUMERATOR", "mqtt.clients{tier=pro}",
                        "GROWTH_API_DERIVED_METRICS__ADOPTION_MQTT__DENOMINATOR", "platform.teamCount",
                        // overriding a key defined in a properties file, dash included
                        "GROWTH_API_DERIVED_METRICS__ADOPTION_TABLES__DENOMINATOR", "platform.teamsByType.Team",
                        "GROWTH_API_DERIVED_METRICS__ADOPTION_TEAMS_WITH_DEVICES__DENOMINATOR", "platform.userCount"));
        assertEquals(3, c.derivedMetrics().size(), c.derivedMetrics().keySet().toString());
        assertEquals("mqtt.clients{tier=pro}", c.derivedMetrics().get("adoption.mqtt").numerator());
        assertEquals("platform.teamCount", c.derivedMetrics().get("adoption.mqtt").denominator());
        assertEquals("tables.databases", c.derivedMetrics().get("adoption.tables").numerator());
        assertEquals("platform.teamsByType.Team", c.derivedMetrics().get("adoption.tables").denominator());
        assertEquals("platform.userCount", c.derivedMetrics().get("adoption.teams-with-devices").denominator());
    }

    @Test
    void noDerivedMetricsIsAnEmptyMap() {
        assertEquals(Map.of(), config(Map.of(), Map.of()).derivedMetrics());
    }
}
