package io.growthmetrics.deploy.local.demo;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A realistic self-service billing history for the demo: Stripe webhook events (API version 2026-07-29.dahlia)
 * for customers on the Starter and Pro plans with instance add-ons: the sign-ups of an existing customer base over
 * the year before the window, then about 90 days of activity. Customers sign up (some on a
 * trial that converts or not), add and remove add-ons, fall past due and recover, and some cancel; a few pay
 * yearly, a few in euros, and some buy a product that is not part of self-service MRR. Deterministic for a seed.
 */
public final class DemoStripeHistory {

    public static final String API_VERSION = "2026-07-29.dahlia";
    private static final Gson GSON = new GsonBuilder().serializeNulls().create();

    /** One webhook event, ready to sign and send. */
    public record Event(String id, String type, Instant created, String subscriptionId, String json) {
    }

    /** Monthly list prices in cents (yearly plans cost 10 months). */
    enum Plan {
        STARTER("prod_starter", 1500, "prod_starter_small", 1500, "prod_starter_remote", 500),
        PRO("prod_pro", 30000, "prod_pro_medium", 3000, "prod_pro_remote", 500);

        final String product;
        final long monthly;
        final String instanceAddOn;
        final long instanceAddOnMonthly;
        final String remoteAddOn;
        final long remoteAddOnMonthly;

        Plan(String product, long monthly, String instanceAddOn, long instanceAddOnMonthly, String remoteAddOn,
                long remoteAddOnMonthly) {
            this.product = product;
            this.monthly = monthly;
            this.instanceAddOn = instanceAddOn;
            this.instanceAddOnMonthly = instanceAddOnMonthly;
            this.remoteAddOn = remoteAddOn;
            this.remoteAddOnMonthly = remoteAddOnMonthly;
        }
    }

    static final String OUT_OF_SCOPE_PRODUCT = "prod_support_plan";

    private final Random random;
    private final LocalDate firstDay;
    private final LocalDate lastDay;
    private final Instant now;
    private final List<Event> events = new ArrayList<>();
    private int eventCounter;

    private DemoStripeHistory(long seed, Instant now, int days) {
        this.random = new Random(seed);
        this.now = now;
        this.lastDay = LocalDate.ofInstant(now, ZoneOffset.UTC);
        this.firstDay = lastDay.minusDays(days - 1L);
    }

    /** The events of {@code customers} customers over the {@code days} days up to {@code now}, in created order. */
    public static List<Event> generate(long seed, Instant now, int days, int customers) {
        DemoStripeHistory history = new DemoStripeHistory(seed, now, days);
        for (int c = 0; c < customers; c++) {
            history.customer(c, days);
        }
        history.events.sort(Comparator.comparing(Event::created).thenComparing(Event::id));
        return List.copyOf(history.events);
    }

    private void customer(int index, int days) {
        // Most customers were there before the window (the opening base, signed up over the year before it);
        // the rest sign up within it, more later than earlier: growth.
        int signupDay = random.nextInt(10) < 6 ? -1 - random.nextInt(365)
                : (int) Math.min(days - 1, Math.floor(days * Math.sqrt(random.nextDouble())));
        String customer = String.format("cus_demo%04d", index);
        Plan plan = random.nextInt(5) == 0 ? Plan.PRO : Plan.STARTER;
        String interval = random.nextInt(10) == 0 ? "year" : "month";
        String currency = random.nextInt(10) == 0 ? "eur" : "usd";
        Subscription sub = new Subscription(String.format("sub_demo%04d", index), customer, plan, interval, currency,
                at(signupDay));
        sub.addItem(plan.product, plan.monthly, 1);
        if (random.nextInt(3) == 0) {
            sub.addItem(plan.instanceAddOn, plan.instanceAddOnMonthly, 1 + random.nextInt(3));
        }
        if (random.nextInt(4) == 0) {
            sub.addItem(plan.remoteAddOn, plan.remoteAddOnMonthly, 2 + random.nextInt(10));
        }
        if (random.nextInt(8) == 0) {
            sub.addItem(OUT_OF_SCOPE_PRODUCT, 5000, 1);
        }
        boolean trial = random.nextInt(10) < 4;
        sub.status = trial ? "trialing" : "active";
        emit("customer.subscription.created", sub, null);

        int day = signupDay;
        if (trial) {
            day += 14;
            if (day >= days) {
                return;
            }
            if (random.nextInt(4) == 0) {
                cancel(sub, day);
                return;
            }
            JsonObject previous = new JsonObject();
            previous.addProperty("status", "trialing");
            sub.status = "active";
            sub.at = at(day);
            emit("customer.subscription.updated", sub, previous);
        }
        day = Math.max(day, -7); // an old customer's earlier history is not replayed, only its sign-up
        boolean churns = random.nextInt(100) < 12;
        int churnDay = churns ? day + 10 + random.nextInt(60) : Integer.MAX_VALUE;
        while (true) {
            day += 7 + random.nextInt(21);
            if (day >= days || day >= churnDay) {
                break;
            }
            int change = random.nextInt(10);
            if (change < 4) {
                changeAddOns(sub, day);
            } else if (change == 4) {
                pastDueAndBack(sub, day, days);
            }
        }
        if (churnDay < days) {
            cancel(sub, churnDay);
            if (random.nextInt(4) == 0 && churnDay + 10 < days) {
                Subscription again = new Subscription(sub.id + "b", customer, plan, "month", currency, at(churnDay + 10));
                again.addItem(plan.product, plan.monthly, 1);
                again.status = "active";
                emit("customer.subscription.created", again, null);
            }
        }
    }

    /** More or fewer add-on units (expansion or contraction), or a first add-on. */
    private void changeAddOns(Subscription sub, int day) {
        JsonObject previous = new JsonObject();
        previous.add("items", sub.itemsJson());
        Item addOn = sub.items.size() > 1 && !sub.items.get(1).product.equals(OUT_OF_SCOPE_PRODUCT) ? sub.items.get(1) : null;
        if (addOn == null) {
            sub.items.add(1, new Item(sub.id + "_i" + sub.items.size(), sub.plan.instanceAddOn,
                    sub.plan.instanceAddOnMonthly, 1));
        } else if (addOn.quantity > 1 && random.nextInt(3) == 0) {
            addOn.quantity--;
        } else {
            addOn.quantity += 1 + random.nextInt(2);
        }
        sub.at = at(day);
        emit("customer.subscription.updated", sub, previous);
    }

    private void pastDueAndBack(Subscription sub, int day, int days) {
        JsonObject wasActive = new JsonObject();
        wasActive.addProperty("status", "active");
        sub.status = "past_due";
        sub.at = at(day);
        emit("customer.subscription.updated", sub, wasActive);
        if (day + 3 < days) {
            JsonObject wasPastDue = new JsonObject();
            wasPastDue.addProperty("status", "past_due");
            sub.status = "active";
            sub.at = at(day + 3);
            emit("customer.subscription.updated", sub, wasPastDue);
        }
    }

    private void cancel(Subscription sub, int day) {
        sub.status = "canceled";
        sub.at = at(day);
        sub.canceledAt = sub.at;
        emit("customer.subscription.deleted", sub, null);
    }

    /** A moment on the day, at a random time, never in the future. */
    private Instant at(int day) {
        Instant moment = firstDay.plusDays(day).atStartOfDay().toInstant(ZoneOffset.UTC)
                .plusSeconds(random.nextInt(86_400));
        return moment.isAfter(now) ? now.minusSeconds(60 + random.nextInt(600)) : moment;
    }

    private void emit(String type, Subscription sub, JsonObject previousAttributes) {
        String id = String.format("evt_demo%06d", ++eventCounter);
        JsonObject data = new JsonObject();
        data.add("object", sub.json());
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
        event.addProperty("created", sub.at.getEpochSecond());
        event.add("data", data);
        event.addProperty("livemode", false);
        event.addProperty("pending_webhooks", 1);
        event.add("request", request);
        event.addProperty("type", type);
        events.add(new Event(id, type, sub.at, sub.id, GSON.toJson(event)));
    }

    private static final class Item {
        final String id;
        final String product;
        final long monthlyCents;
        long quantity;

        Item(String id, String product, long monthlyCents, long quantity) {
            this.id = id;
            this.product = product;
            this.monthlyCents = monthlyCents;
            this.quantity = quantity;
        }
    }

    private final class Subscription {
        final String id;
        final String customer;
        final Plan plan;
        final String interval;
        final String currency;
        final Instant createdAt;
        final List<Item> items = new ArrayList<>();
        String status;
        Instant at;
        Instant canceledAt;

        Subscription(String id, String customer, Plan plan, String interval, String currency, Instant createdAt) {
            this.id = id;
            this.customer = customer;
            this.plan = plan;
            this.interval = interval;
            this.currency = currency;
            this.createdAt = createdAt;
            this.at = createdAt;
        }

        void addItem(String product, long monthlyCents, long quantity) {
            items.add(new Item(id + "_i" + items.size(), product, monthlyCents, quantity));
        }

        JsonObject json() {
            JsonObject s = new JsonObject();
            s.addProperty("id", id);
            s.addProperty("object", "subscription");
            s.addProperty("billing_cycle_anchor", createdAt.getEpochSecond());
            JsonObject billingMode = new JsonObject();
            billingMode.addProperty("type", "flexible");
            s.add("billing_mode", billingMode);
            s.add("cancel_at", JsonNull.INSTANCE);
            s.addProperty("cancel_at_period_end", false);
            if (canceledAt == null) {
                s.add("canceled_at", JsonNull.INSTANCE);
                s.add("ended_at", JsonNull.INSTANCE);
            } else {
                s.addProperty("canceled_at", canceledAt.getEpochSecond());
                s.addProperty("ended_at", canceledAt.getEpochSecond());
            }
            s.addProperty("collection_method", "charge_automatically");
            s.addProperty("created", createdAt.getEpochSecond());
            s.addProperty("currency", currency);
            s.addProperty("customer", customer);
            s.add("discounts", new JsonArray());
            JsonObject items = new JsonObject();
            items.addProperty("object", "list");
            items.add("data", itemsJson().get("data"));
            items.addProperty("has_more", false);
            items.addProperty("total_count", this.items.size());
            items.addProperty("url", "/v1/subscription_items?subscription=" + id);
            s.add("items", items);
            s.add("latest_invoice", JsonNull.INSTANCE);
            s.addProperty("livemode", false);
            s.add("metadata", new JsonObject());
            s.add("pause_collection", JsonNull.INSTANCE);
            s.addProperty("start_date", createdAt.getEpochSecond());
            s.addProperty("status", status);
            boolean trialing = "trialing".equals(status);
            s.add("trial_start", trialing ? GSON.toJsonTree(createdAt.getEpochSecond()) : JsonNull.INSTANCE);
            s.add("trial_end", trialing ? GSON.toJsonTree(createdAt.getEpochSecond() + 14 * 86_400) : JsonNull.INSTANCE);
            return s;
        }

        JsonObject itemsJson() {
            JsonArray data = new JsonArray();
            long periodStart = at.getEpochSecond();
            long periodEnd = periodStart + ("year".equals(interval) ? 365L : 30L) * 86_400;
            for (Item item : items) {
                long unit = "year".equals(interval) ? item.monthlyCents * 10 : item.monthlyCents;
                JsonObject recurring = new JsonObject();
                recurring.addProperty("interval", interval);
                recurring.addProperty("interval_count", 1);
                recurring.add("meter", JsonNull.INSTANCE);
                recurring.addProperty("usage_type", "licensed");
                JsonObject price = new JsonObject();
                String priceId = "price_" + item.product.substring("prod_".length()) + "_" + interval + "_" + currency;
                price.addProperty("id", priceId);
                price.addProperty("object", "price");
                price.addProperty("active", true);
                price.addProperty("billing_scheme", "per_unit");
                price.addProperty("currency", currency);
                price.addProperty("livemode", false);
                price.addProperty("product", item.product);
                price.add("recurring", recurring);
                price.addProperty("tax_behavior", "exclusive");
                price.add("transform_quantity", JsonNull.INSTANCE);
                price.addProperty("type", "recurring");
                price.addProperty("unit_amount", unit);
                price.addProperty("unit_amount_decimal", Long.toString(unit));
                JsonObject si = new JsonObject();
                si.addProperty("id", item.id);
                si.addProperty("object", "subscription_item");
                si.addProperty("created", createdAt.getEpochSecond());
                si.addProperty("current_period_start", periodStart);
                si.addProperty("current_period_end", periodEnd);
                si.add("discounts", new JsonArray());
                si.add("metadata", new JsonObject());
                si.add("price", price);
                si.addProperty("quantity", item.quantity);
                si.addProperty("subscription", id);
                data.add(si);
            }
            JsonObject list = new JsonObject();
            list.add("data", data);
            return list;
        }
    }
}
