package io.growthmetrics.contracts.rules;

import java.util.regex.Pattern;

/** What the revenue events share: kpi-service's {@code varchar(255)} ids and {@code varchar(3)} currencies. */
final class RevenueRules {

    static final int ID = 255;
    static final Pattern CURRENCY = Pattern.compile("[A-Za-z]{3}");

    private RevenueRules() {
    }

    /** A 3-letter ISO 4217 code (Stripe writes it in lower case). */
    static void currency(Violations v, String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                v.required(field, null);
            }
            return;
        }
        if (!CURRENCY.matcher(value).matches()) {
            v.field(field, "'" + field + "' must be a 3-letter ISO 4217 code such as usd or eur");
        }
    }
}
