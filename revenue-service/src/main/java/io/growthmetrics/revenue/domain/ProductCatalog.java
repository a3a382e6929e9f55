package io.growthmetrics.revenue.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The self-service products, from {@code revenue.self-service.products}: comma-separated {@code productId=Display Name}
 * pairs, e.g. {@code prod_ABC=FlowFuse Cloud - Starter, prod_DEF=Pro - Small Instance Add-On}. Blanks around ids,
 * names and commas are ignored, and so are empty entries (a trailing comma). Names cannot contain commas.
 */
public final class ProductCatalog {

    private static final Pattern PRODUCT_ID = Pattern.compile("[A-Za-z0-9_\\-]{1,255}");

    private final Map<String, String> names;

    private ProductCatalog(Map<String, String> names) {
        this.names = names;
    }

    /**
     * @throws IllegalArgumentException with a message naming the bad entry: not {@code id=name}, a bad id, an empty
     *                                  name, an id listed twice, or no product at all
     */
    public static ProductCatalog parse(String config) {
        if (config == null || config.isBlank()) {
            throw new IllegalArgumentException("revenue.self-service.products (REVENUE_SELF_SERVICE_PRODUCTS) is empty: "
                    + "list the self-service products as comma-separated productId=Display Name pairs");
        }
        Map<String, String> names = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String[] entries = config.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                problems.add("entry " + (i + 1) + " '" + entry + "' is not productId=Display Name");
                continue;
            }
            String id = entry.substring(0, eq).trim();
            String name = entry.substring(eq + 1).trim();
            if (!PRODUCT_ID.matcher(id).matches()) {
                problems.add("entry " + (i + 1) + " '" + entry + "' has no valid product id before '=' (letters, digits, _ and -)");
            } else if (name.isEmpty()) {
                problems.add("entry " + (i + 1) + " '" + entry + "' has no display name after '='");
            } else if (names.putIfAbsent(id, name) != null) {
                problems.add("product id " + id + " is listed twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid revenue.self-service.products (REVENUE_SELF_SERVICE_PRODUCTS): "
                    + String.join("; ", problems) + ". Expected comma-separated productId=Display Name pairs");
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("revenue.self-service.products (REVENUE_SELF_SERVICE_PRODUCTS) lists no product");
        }
        return new ProductCatalog(names);
    }

    /** Product id → display name, in configuration order. */
    public Map<String, String> products() {
        return java.util.Collections.unmodifiableMap(names);
    }

    public boolean contains(String productId) {
        return names.containsKey(productId);
    }
}
