package io.growthmetrics.deploy.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromQlTest {

    @Test
    void comparisonsGetBoolButLabelMatchersAndStringsDoNot() {
        assertEquals("up{job=~\"a|b\",x!=\"y\"} == bool 0", PromQl.comparisonsAsBool("up{job=~\"a|b\",x!=\"y\"} == 0"));
        assertEquals("a > bool 1000 and b >= bool 0", PromQl.comparisonsAsBool("a > 1000 and b >= 0"));
        assertEquals("x < bool 0.9 * max_over_time(x[1d:1m])", PromQl.comparisonsAsBool("x < 0.9 * max_over_time(x[1d:1m])"));
        assertEquals("{__name__=~\"k_.+\", o=\"d>e\"} != bool 1", PromQl.comparisonsAsBool("{__name__=~\"k_.+\", o=\"d>e\"} != 1"));
        assertEquals("label_replace(m, \"a\", \"<b>\", \"c\", \".*\") <= bool 2",
                PromQl.comparisonsAsBool("label_replace(m, \"a\", \"<b>\", \"c\", \".*\") <= 2"));
        assertEquals("rate(m[5m])", PromQl.comparisonsAsBool("rate(m[5m])"));
    }

    @Test
    void everyAlertRuleIsFoundAndAskedWithBool() throws Exception {
        Path alertsYml = Path.of(System.getProperty("user.dir")).resolve("../prometheus/alerts.yml").normalize();
        Map<String, String> alerts = PromQl.alertExpressionsAsBool(alertsYml);
        assertEquals(6, alerts.size(), alerts.keySet().toString());
        assertTrue(alerts.values().stream().allMatch(e -> e.contains(" bool ")), alerts.toString());
    }
}
