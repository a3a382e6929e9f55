package io.growthmetrics.revenue.support;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.stripe.net.Webhook;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Stripe objects in the shape the API renders them for version 2026-07-29.dahlia (basil+: items carry
 * {@code current_period_*}, no top-level period; clover+: {@code discounts} are ids in events, discounts have
 * {@code source.coupon}; invoices name their subscription in {@code parent.subscription_details}).
 */
public final class StripeJson {

    public static final String API_VERSION = "2026-07-29.dahlia";
    public static final String WEBHOOK_SECRET = "whsec_test_revenue_service_0123456789abcdef";
    private static final Gson GSON = new GsonBuilder().serializeNulls().create();

    private StripeJson() {
    }

    public static String json(JsonElement element) {
        return GSON.toJson(element);
    }

    // ---- events ----

    public static JsonObject event(String id, String type, long created, JsonObject object, JsonObject previousAttributes) {
        JsonObject data = new JsonObject();
        data.add("object", object);
        if (previousAttributes != null) {
            data.add("previous_attributes", previousAttributes);
        }
        JsonObject request = new JsonObject();
        request.add("id", JsonNull.INSTANCE);
        request.add("idempotency_key", JsonNull.INSTANCE);
        JsonObject event = new JsonObject();
        event.addProperty("id", id);
        event.addProperty("object", "event");
        event.addProperty("api_version", API_VERSION);
        event.addProperty("created", created);
        event.add("data", data);
        event.addProperty("livemode", false);
        event.addProperty("pending_webhooks", 1);
        event.add("request", request);
        event.addProperty("type", type);
        return event;
    }

    /** {@code Stripe-Signature} for now, as Stripe signs. */
    public static String sign(String payload) {
        try {
            return Webhook.Signature.generateSignatureHeader(payload, WEBHOOK_SECRET);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code Stripe-Signature} with a timestamp of one's choosing (e.g. stale), computed by hand. */
    public static String signAt(String payload, long timestamp, String secret) {
        try {
            String hmac = Webhook.Util.computeHmacSha256(secret, timestamp + "." + payload);
            return "t=" + timestamp + ",v1=" + hmac;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] bytes(String payload) {
        return payload.getBytes(StandardCharsets.UTF_8);
    }

    // ---- prices, coupons, discounts ----

    public static JsonObject price(String id, String product, String interval, long intervalCount, long unitAmount) {
        return price(id, product, "usd", interval, intervalCount, "licensed", Long.toString(unitAmount));
    }

    public static JsonObject price(String id, String product, String currency, String interval, long intervalCount,
            String usageType, String unitAmountDecimal) {
        JsonObject recurring = new JsonObject();
        recurring.addProperty("interval", interval);
        recurring.addProperty("interval_count", intervalCount);
        recurring.add("meter", "metered".equals(usageType) ? new JsonPrimitive("mtr_" + id) : JsonNull.INSTANCE);
        recurring.add("trial_period_days", JsonNull.INSTANCE);
        recurring.addProperty("usage_type", usageType);
        JsonObject price = new JsonObject();
        price.addProperty("id", id);
        price.addProperty("object", "price");
        price.addProperty("active", true);
        price.addProperty("billing_scheme", "per_unit");
        price.addProperty("created", 1735689600L);
        price.addProperty("currency", currency);
        price.add("custom_unit_amount", JsonNull.INSTANCE);
        price.addProperty("livemode", false);
        price.add("lookup_key", JsonNull.INSTANCE);
        price.add("metadata", new JsonObject());
        price.add("nickname", JsonNull.INSTANCE);
        price.addProperty("product", product);
        price.add("recurring", recurring);
        price.addProperty("tax_behavior", "exclusive");
        price.add("tiers_mode", JsonNull.INSTANCE);
        price.add("transform_quantity", JsonNull.INSTANCE);
        price.addProperty("type", "recurring");
        if (unitAmountDecimal.matches("\\d+")) {
            price.addProperty("unit_amount", Long.parseLong(unitAmountDecimal));
        } else {
            price.add("unit_amount", JsonNull.INSTANCE);
        }
        price.addProperty("unit_amount_decimal", unitAmountDecimal);
        return price;
    }

    /** A tiered price as a webhook renders it: {@code billing_scheme=tiered}, no {@code tiers}. */
    public static JsonObject tieredPrice(String id, String product, String mode) {
        JsonObject price = price(id, product, "usd", "month", 1, "licensed", "0");
        price.addProperty("billing_scheme", "tiered");
        price.addProperty("tiers_mode", mode);
        price.add("unit_amount", JsonNull.INSTANCE);
        price.add("unit_amount_decimal", JsonNull.INSTANCE);
        return price;
    }

    /** The same price as {@code GET /v1/prices/{id}?expand[]=tiers} answers. */
    public static JsonObject withTiers(JsonObject tieredPrice, long[][] tiers) {
        JsonObject price = tieredPrice.deepCopy();
        JsonArray list = new JsonArray();
        for (long[] tier : tiers) {
            JsonObject t = new JsonObject();
            t.addProperty("flat_amount", tier[2]);
            t.addProperty("flat_amount_decimal", Long.toString(tier[2]));
            t.addProperty("unit_amount", tier[1]);
            t.addProperty("unit_amount_decimal", Long.toString(tier[1]));
            if (tier[0] < 0) {
                t.add("up_to", JsonNull.INSTANCE);
            } else {
                t.addProperty("up_to", tier[0]);
            }
            list.add(t);
        }
        price.add("tiers", list);
        return price;
    }

    public static JsonObject percentCoupon(String id, String duration, double percentOff) {
        JsonObject coupon = coupon(id, duration);
        coupon.addProperty("percent_off", percentOff);
        return coupon;
    }

    public static JsonObject amountCoupon(String id, String duration, long amountOff, String currency) {
        JsonObject coupon = coupon(id, duration);
        coupon.addProperty("amount_off", amountOff);
        coupon.addProperty("currency", currency);
        return coupon;
    }

    private static JsonObject coupon(String id, String duration) {
        JsonObject coupon = new JsonObject();
        coupon.addProperty("id", id);
        coupon.addProperty("object", "coupon");
        coupon.add("amount_off", JsonNull.INSTANCE);
        coupon.addProperty("created", 1735689600L);
        coupon.add("currency", JsonNull.INSTANCE);
        coupon.addProperty("duration", duration);
        if ("repeating".equals(duration)) {
            coupon.addProperty("duration_in_months", 3);
        } else {
            coupon.add("duration_in_months", JsonNull.INSTANCE);
        }
        coupon.addProperty("livemode", false);
        coupon.add("max_redemptions", JsonNull.INSTANCE);
        coupon.add("metadata", new JsonObject());
        coupon.addProperty("name", id);
        coupon.add("percent_off", JsonNull.INSTANCE);
        coupon.add("redeem_by", JsonNull.INSTANCE);
        coupon.addProperty("times_redeemed", 1);
        coupon.addProperty("valid", true);
        return coupon;
    }

    /** {@code source.coupon} as an id (events, default) or the coupon object (expanded). */
    public static JsonObject discount(String id, JsonElement coupon, String customer, String subscription,
            String subscriptionItem) {
        JsonObject source = new JsonObject();
        source.add("coupon", coupon);
        source.addProperty("type", "coupon");
        JsonObject discount = new JsonObject();
        discount.addProperty("id", id);
        discount.addProperty("object", "discount");
        discount.add("checkout_session", JsonNull.INSTANCE);
        discount.addProperty("customer", customer);
        discount.add("customer_account", JsonNull.INSTANCE);
        discount.add("end", JsonNull.INSTANCE);
        discount.add("invoice", JsonNull.INSTANCE);
        discount.add("invoice_item", JsonNull.INSTANCE);
        discount.add("promotion_code", JsonNull.INSTANCE);
        discount.add("source", source);
        discount.addProperty("start", 1735689600L);
        discount.addProperty("subscription", subscription);
        if (subscriptionItem == null) {
            discount.add("subscription_item", JsonNull.INSTANCE);
        } else {
            discount.addProperty("subscription_item", subscriptionItem);
        }
        return discount;
    }

    public static JsonObject invoice(String id, String customer, String subscription, String status) {
        JsonObject parent = new JsonObject();
        parent.add("quote_details", JsonNull.INSTANCE);
        if (subscription == null) {
            parent.addProperty("type", "quote_details");
            parent.add("subscription_details", JsonNull.INSTANCE);
        } else {
            JsonObject details = new JsonObject();
            details.add("metadata", new JsonObject());
            details.addProperty("subscription", subscription);
            parent.add("subscription_details", details);
            parent.addProperty("type", "subscription_details");
        }
        JsonObject invoice = new JsonObject();
        invoice.addProperty("id", id);
        invoice.addProperty("object", "invoice");
        invoice.addProperty("amount_due", 1500);
        invoice.addProperty("amount_paid", "paid".equals(status) ? 1500 : 0);
        invoice.addProperty("amount_remaining", "paid".equals(status) ? 0 : 1500);
        invoice.addProperty("billing_reason", "subscription_cycle");
        invoice.addProperty("collection_method", "charge_automatically");
        invoice.addProperty("created", 1764000000L);
        invoice.addProperty("currency", "usd");
        invoice.addProperty("customer", customer);
        invoice.add("discounts", new JsonArray());
        invoice.addProperty("livemode", false);
        invoice.add("metadata", new JsonObject());
        invoice.add("parent", parent);
        invoice.addProperty("status", status);
        invoice.addProperty("subtotal", 1500);
        invoice.addProperty("total", 1500);
        return invoice;
    }

    // ---- subscriptions ----

    public static Sub subscription(String id, String customer) {
        return new Sub(id, customer);
    }

    /** A subscription under construction. */
    public static final class Sub {
        private final JsonObject sub = new JsonObject();
        private final JsonArray items = new JsonArray();
        private final JsonArray discounts = new JsonArray();

        private Sub(String id, String customer) {
            sub.addProperty("id", id);
            sub.addProperty("object", "subscription");
            sub.add("application", JsonNull.INSTANCE);
            sub.add("application_fee_percent", JsonNull.INSTANCE);
            JsonObject automaticTax = new JsonObject();
            automaticTax.add("disabled_reason", JsonNull.INSTANCE);
            automaticTax.addProperty("enabled", false);
            automaticTax.add("liability", JsonNull.INSTANCE);
            sub.add("automatic_tax", automaticTax);
            sub.addProperty("billing_cycle_anchor", 1761955200L);
            sub.add("billing_cycle_anchor_config", JsonNull.INSTANCE);
            JsonObject billingMode = new JsonObject();
            billingMode.addProperty("type", "flexible");
            JsonObject flexible = new JsonObject();
            flexible.addProperty("proration_discounts", "included");
            billingMode.add("flexible", flexible);
            billingMode.addProperty("updated_at", 1761955200L);
            sub.add("billing_mode", billingMode);
            sub.add("billing_thresholds", JsonNull.INSTANCE);
            sub.add("cancel_at", JsonNull.INSTANCE);
            sub.addProperty("cancel_at_period_end", false);
            sub.add("canceled_at", JsonNull.INSTANCE);
            JsonObject cancellation = new JsonObject();
            cancellation.add("comment", JsonNull.INSTANCE);
            cancellation.add("feedback", JsonNull.INSTANCE);
            cancellation.add("reason", JsonNull.INSTANCE);
            sub.add("cancellation_details", cancellation);
            sub.addProperty("collection_method", "charge_automatically");
            sub.addProperty("created", 1761955200L);
            sub.addProperty("currency", "usd");
            sub.addProperty("customer", customer);
            sub.add("customer_account", JsonNull.INSTANCE);
            sub.add("days_until_due", JsonNull.INSTANCE);
            sub.addProperty("default_payment_method", "pm_" + customer);
            sub.add("default_source", JsonNull.INSTANCE);
            sub.add("default_tax_rates", new JsonArray());
            sub.add("description", JsonNull.INSTANCE);
            sub.add("discounts", discounts);
            sub.add("ended_at", JsonNull.INSTANCE);
            JsonObject invoiceSettings = new JsonObject();
            invoiceSettings.add("account_tax_ids", JsonNull.INSTANCE);
            JsonObject issuer = new JsonObject();
            issuer.addProperty("type", "self");
            invoiceSettings.add("issuer", issuer);
            sub.add("invoice_settings", invoiceSettings);
            JsonObject list = new JsonObject();
            list.addProperty("object", "list");
            list.add("data", items);
            list.addProperty("has_more", false);
            list.addProperty("total_count", 0);
            list.addProperty("url", "/v1/subscription_items?subscription=" + id);
            sub.add("items", list);
            sub.addProperty("latest_invoice", "in_" + id);
            sub.addProperty("livemode", false);
            sub.add("metadata", new JsonObject());
            sub.add("next_pending_invoice_item_invoice", JsonNull.INSTANCE);
            sub.add("on_behalf_of", JsonNull.INSTANCE);
            sub.add("pause_collection", JsonNull.INSTANCE);
            JsonObject paymentSettings = new JsonObject();
            paymentSettings.add("payment_method_options", JsonNull.INSTANCE);
            paymentSettings.add("payment_method_types", JsonNull.INSTANCE);
            paymentSettings.addProperty("save_default_payment_method", "off");
            sub.add("payment_settings", paymentSettings);
            sub.add("pending_invoice_item_interval", JsonNull.INSTANCE);
            sub.add("pending_setup_intent", JsonNull.INSTANCE);
            sub.add("pending_update", JsonNull.INSTANCE);
            sub.add("schedule", JsonNull.INSTANCE);
            sub.addProperty("start_date", 1761955200L);
            sub.addProperty("status", "active");
            sub.add("test_clock", JsonNull.INSTANCE);
            sub.add("transfer_data", JsonNull.INSTANCE);
            sub.add("trial_end", JsonNull.INSTANCE);
            JsonObject trialSettings = new JsonObject();
            JsonObject endBehavior = new JsonObject();
            endBehavior.addProperty("missing_payment_method", "create_invoice");
            trialSettings.add("end_behavior", endBehavior);
            sub.add("trial_settings", trialSettings);
            sub.add("trial_start", JsonNull.INSTANCE);
        }

        public Sub status(String status) {
            sub.addProperty("status", status);
            return this;
        }

        public Sub currency(String currency) {
            sub.addProperty("currency", currency);
            return this;
        }

        public Sub trial(long start, long end) {
            sub.addProperty("status", "trialing");
            sub.addProperty("trial_start", start);
            sub.addProperty("trial_end", end);
            return this;
        }

        public Sub cancelAtPeriodEnd(long cancelAt, long canceledAt) {
            sub.addProperty("cancel_at_period_end", true);
            sub.addProperty("cancel_at", cancelAt);
            sub.addProperty("canceled_at", canceledAt);
            return this;
        }

        public Sub canceled(long at) {
            sub.addProperty("status", "canceled");
            sub.addProperty("canceled_at", at);
            sub.addProperty("ended_at", at);
            return this;
        }

        public Sub pauseCollection(String behavior) {
            JsonObject pause = new JsonObject();
            pause.addProperty("behavior", behavior);
            pause.add("resumes_at", JsonNull.INSTANCE);
            sub.add("pause_collection", pause);
            return this;
        }

        /** Subscription-level discounts: ids (as in events) or discount objects (expanded). */
        public Sub discount(JsonElement idOrObject) {
            discounts.add(idOrObject);
            return this;
        }

        public Sub discounts(String... ids) {
            for (String id : ids) {
                discounts.add(id);
            }
            return this;
        }

        public Sub item(String id, JsonObject price, Long quantity, JsonElement... itemDiscounts) {
            JsonObject item = new JsonObject();
            item.addProperty("id", id);
            item.addProperty("object", "subscription_item");
            item.add("billing_thresholds", JsonNull.INSTANCE);
            item.addProperty("created", 1761955200L);
            item.addProperty("current_period_end", 1764547200L);
            item.addProperty("current_period_start", 1761955200L);
            JsonArray ds = new JsonArray();
            for (JsonElement d : itemDiscounts) {
                ds.add(d);
            }
            item.add("discounts", ds);
            item.add("metadata", new JsonObject());
            item.add("plan", plan(price));
            item.add("price", price);
            if (quantity == null) {
                item.add("quantity", JsonNull.INSTANCE);
            } else {
                item.addProperty("quantity", quantity);
            }
            item.addProperty("subscription", sub.get("id").getAsString());
            item.add("tax_rates", new JsonArray());
            items.add(item);
            sub.getAsJsonObject("items").addProperty("total_count", items.size());
            return this;
        }

        public JsonObject build() {
            return sub.deepCopy();
        }

        public String id() {
            return sub.get("id").getAsString();
        }

        private static JsonObject plan(JsonObject price) {
            JsonObject recurring = price.getAsJsonObject("recurring");
            JsonObject plan = new JsonObject();
            plan.add("id", price.get("id"));
            plan.addProperty("object", "plan");
            plan.addProperty("active", true);
            plan.add("amount", price.get("unit_amount"));
            plan.add("amount_decimal", price.get("unit_amount_decimal"));
            plan.add("billing_scheme", price.get("billing_scheme"));
            plan.add("created", price.get("created"));
            plan.add("currency", price.get("currency"));
            plan.add("interval", recurring.get("interval"));
            plan.add("interval_count", recurring.get("interval_count"));
            plan.addProperty("livemode", false);
            plan.add("metadata", new JsonObject());
            plan.add("meter", recurring.get("meter"));
            plan.add("nickname", JsonNull.INSTANCE);
            plan.add("product", price.get("product"));
            plan.add("tiers_mode", price.get("tiers_mode"));
            plan.add("transform_quantity", price.get("transform_quantity"));
            plan.add("trial_period_days", JsonNull.INSTANCE);
            plan.add("usage_type", recurring.get("usage_type"));
            return plan;
        }
    }

    /** A page of a list as the API answers it. */
    public static JsonObject list(String url, List<JsonObject> data, boolean hasMore) {
        JsonObject list = new JsonObject();
        list.addProperty("object", "list");
        JsonArray array = new JsonArray();
        data.forEach(array::add);
        list.add("data", array);
        list.addProperty("has_more", hasMore);
        list.addProperty("url", url);
        return list;
    }
}
