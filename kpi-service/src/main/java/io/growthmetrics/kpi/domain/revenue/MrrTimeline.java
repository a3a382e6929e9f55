package io.growthmetrics.kpi.domain.revenue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Daily MRR and MRR movements from subscription events, day by day (UTC days; a day's figures are the states at
 * the end of the day, i.e. of the events created before the next day starts).
 *
 * <ul>
 *   <li>State of a subscription: as {@link SubscriptionHistory} defines it (the greatest event by
 *       {@link SubscriptionState#ORDER}; a deletion is terminal). Events are applied in that order, so the result
 *       depends only on the set of events (a repeated event id counts once), never on their arrival order.</li>
 *   <li>MRR per currency and product: Σ of the counting subscriptions' contributions ({@link RevenueRules}).</li>
 *   <li>A customer's MRR per currency: Σ of its subscriptions' contributions. Its movement on day D compares the
 *       end of D with the end of D−1 ({@link MovementType}).</li>
 *   <li>Opening balance: on the day a customer's MRR first appears (in a currency), what subscriptions whose
 *       first event is a backfill read of that same day bring is the starting balance, not a movement. A
 *       subscription that was not counting at its backfill read (a trial, say) and counts later is new business.
 *       Every later change is a movement as usual, so MRR(D) = opening balances + Σ movements up to D, per
 *       currency.</li>
 * </ul>
 *
 * Build it with all the events, then ask for days in increasing order ({@link #figuresFor}); days not asked are
 * still computed (movements need the history), just not returned.
 */
public final class MrrTimeline {

    private record ProductKey(String currency, String productId) {
    }

    private record CustomerKey(String currency, String customerId) {
    }

    private static final Comparator<ProductKey> PRODUCT_ORDER =
            Comparator.comparing(ProductKey::currency).thenComparing(ProductKey::productId);
    private static final Comparator<CustomerKey> CUSTOMER_ORDER =
            Comparator.comparing(CustomerKey::currency).thenComparing(CustomerKey::customerId);

    private static final class Subscription {
        final SubscriptionState first;
        SubscriptionState state;
        boolean terminated;

        Subscription(SubscriptionState first) {
            this.first = first;
        }
    }

    private static final class Figure {
        BigDecimal mrr = BigDecimal.ZERO;
        int subscriptions;
    }

    private final RevenueRules rules;
    private final List<SubscriptionState> events;
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final Map<ProductKey, Figure> products = new TreeMap<>(PRODUCT_ORDER);
    private final Map<CustomerKey, BigDecimal> customers = new HashMap<>();
    private final Set<CustomerKey> hadMrr = new HashSet<>();
    private int next;
    private LocalDate lastDay;

    public MrrTimeline(RevenueRules rules, Collection<SubscriptionState> events) {
        this.rules = rules;
        Map<String, SubscriptionState> byId = new HashMap<>();
        for (SubscriptionState event : events) {
            // One event per id; should two differ, the smaller by ORDER stays, whatever the order given.
            byId.merge(event.eventId(), event, (a, b) -> SubscriptionState.ORDER.compare(a, b) <= 0 ? a : b);
        }
        this.events = new ArrayList<>(byId.values());
        this.events.sort(SubscriptionState.ORDER);
        for (SubscriptionState event : this.events) {
            subscriptions.computeIfAbsent(event.subscriptionId(), id -> new Subscription(event));
        }
    }

    /** The day of the earliest event: the first day with figures worth materializing. */
    public Optional<LocalDate> firstDay() {
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(0).day());
    }

    /** The day of the latest event. */
    public Optional<LocalDate> lastDay() {
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1).day());
    }

    /** The figures of {@code day}; days must be asked in increasing order (gaps allowed). */
    public MrrDay figuresFor(LocalDate day) {
        if (lastDay != null && !day.isAfter(lastDay)) {
            throw new IllegalArgumentException("Days must be asked in increasing order: " + day + " after " + lastDay);
        }
        LocalDate d = lastDay != null ? lastDay.plusDays(1)
                : firstDay().filter(first -> first.isBefore(day)).orElse(day);
        MrrDay figures = null;
        for (; !d.isAfter(day); d = d.plusDays(1)) {
            figures = process(d, d.equals(day));
            lastDay = d;
        }
        return figures;
    }

    private MrrDay process(LocalDate day, boolean wanted) {
        Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, SubscriptionState> before = new LinkedHashMap<>();
        while (next < events.size() && events.get(next).eventCreated().isBefore(end)) {
            SubscriptionState event = events.get(next++);
            Subscription subscription = subscriptions.get(event.subscriptionId());
            if (subscription.terminated) {
                continue; // deleted earlier: gone for good
            }
            if (!before.containsKey(event.subscriptionId())) { // (putIfAbsent would overwrite a null state)
                before.put(event.subscriptionId(), subscription.state);
            }
            if (event.deleted()) {
                subscription.terminated = true;
                subscription.state = null;
            } else {
                subscription.state = event;
            }
        }

        Map<CustomerKey, BigDecimal> customerBefore = new HashMap<>();
        Map<CustomerKey, BigDecimal> opening = new HashMap<>();
        for (Map.Entry<String, SubscriptionState> change : before.entrySet()) {
            Subscription subscription = subscriptions.get(change.getKey());
            SubscriptionState old = change.getValue();
            Map<String, BigDecimal> was = rules.contribution(old);
            Map<String, BigDecimal> now = rules.contribution(subscription.state);
            if (!was.isEmpty()) {
                apply(old, was, -1, customerBefore);
            }
            if (!now.isEmpty()) {
                apply(subscription.state, now, 1, customerBefore);
                if (subscription.first.isBackfill() && subscription.first.day().equals(day)) {
                    opening.merge(customerKey(subscription.state), sum(now), BigDecimal::add);
                }
            }
        }

        List<MrrMovement> movements = new ArrayList<>();
        List<CustomerKey> changed = new ArrayList<>(customerBefore.keySet());
        changed.sort(CUSTOMER_ORDER);
        for (CustomerKey customer : changed) {
            movement(day, customer, customerBefore.get(customer), opening.get(customer)).ifPresent(movements::add);
        }

        if (!wanted) {
            return null;
        }
        List<ProductMrr> figures = new ArrayList<>(products.size());
        products.forEach((key, figure) -> figures.add(new ProductMrr(day, key.currency(), key.productId(),
                Amounts.normalize(figure.mrr), figure.subscriptions)));
        return new MrrDay(day, figures, movements);
    }

    private void apply(SubscriptionState state, Map<String, BigDecimal> contribution, int sign,
            Map<CustomerKey, BigDecimal> customerBefore) {
        CustomerKey customer = customerKey(state);
        BigDecimal current = customers.getOrDefault(customer, BigDecimal.ZERO);
        customerBefore.putIfAbsent(customer, current);
        BigDecimal total = sum(contribution);
        customers.put(customer, sign > 0 ? current.add(total) : current.subtract(total));
        contribution.forEach((productId, value) -> {
            ProductKey key = new ProductKey(state.currency(), productId);
            Figure figure = products.computeIfAbsent(key, k -> new Figure());
            figure.mrr = sign > 0 ? figure.mrr.add(value) : figure.mrr.subtract(value);
            figure.subscriptions += sign;
            if (figure.subscriptions == 0) {
                products.remove(key);
            }
        });
    }

    private Optional<MrrMovement> movement(LocalDate day, CustomerKey customer, BigDecimal previous,
            BigDecimal openingBalance) {
        BigDecimal current = customers.getOrDefault(customer, BigDecimal.ZERO);
        boolean hadBefore = hadMrr.contains(customer);
        if (current.signum() > 0) {
            hadMrr.add(customer);
        }
        // The opening balance counts only for the customer's first appearance.
        BigDecimal base = previous;
        if (!hadBefore && previous.signum() <= 0 && openingBalance != null) {
            base = previous.add(openingBalance);
        }
        BigDecimal delta = current.subtract(base);
        if (delta.signum() == 0) {
            return Optional.empty();
        }
        MovementType type;
        if (base.signum() <= 0 && current.signum() > 0) {
            type = hadBefore ? MovementType.REACTIVATION : MovementType.NEW;
        } else if (base.signum() > 0 && current.signum() <= 0) {
            type = MovementType.CHURN;
        } else if (base.signum() > 0) {
            type = delta.signum() > 0 ? MovementType.EXPANSION : MovementType.CONTRACTION;
        } else {
            return Optional.empty(); // no MRR on either side
        }
        return Optional.of(new MrrMovement(day, customer.currency(), customer.customerId(), type,
                Amounts.normalize(delta)));
    }

    private static CustomerKey customerKey(SubscriptionState state) {
        return new CustomerKey(state.currency(), state.customerId());
    }

    private static BigDecimal sum(Map<String, BigDecimal> contribution) {
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal value : contribution.values()) {
            total = total.add(value);
        }
        return total;
    }
}
