package io.growthmetrics.snapshot.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns the platform's {@code GET /api/v1/admin/stats} JSON into metrics: every number, at any depth, becomes
 * {@code platform.} + its JSON path ({@code platform.teamCount}, {@code platform.teamsByType.Starter}); fields it does
 * not know are included the same way; strings, booleans and nulls are ignored. A key character outside
 * {@code [A-Za-z0-9_:-]} (a space, a dot inside a key) becomes {@code _}; array items are named by index.
 */
public final class AdminStats {

    public static final String PREFIX = "platform";

    private AdminStats() {
    }

    public static SortedMap<String, BigDecimal> flatten(JsonNode stats) {
        if (stats == null || !stats.isObject()) {
            throw new IllegalArgumentException("admin stats must be a JSON object");
        }
        SortedMap<String, BigDecimal> metrics = new TreeMap<>();
        walk(stats, PREFIX, metrics);
        return metrics;
    }

    private static void walk(JsonNode node, String path, Map<String, BigDecimal> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                walk(field.getValue(), path + "." + segment(field.getKey()), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "." + i, out);
            }
        } else if (node.isNumber()) {
            if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
                return;
            }
            out.put(path, node.decimalValue());
        }
    }

    static String segment(String key) {
        String s = key.replaceAll("[^A-Za-z0-9_:-]", "_");
        return s.isEmpty() ? "_" : s;
    }
}
