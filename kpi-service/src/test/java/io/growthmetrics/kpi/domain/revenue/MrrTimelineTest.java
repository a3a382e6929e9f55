package io.growthmetrics.kpi.domain.revenue;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static io.growthmetrics.kpi.domain.revenue.Sub.at;
import static io.growthmetrics.kpi.domain.revenue.Sub.day;
import static io.growthmetrics.kpi.domain.revenue.Sub.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MrrTimelineTest {

    private static final RevenueRules RULES = new RevenueRules(Set.of("prod_a", "prod_b"), false);

    // --- daily MRR ---

    @Test
    void dailyMrrPerCurrencyAndProductIsTheStateAtTheEndOfEachDay() {
        List<SubscriptionState> events = List.of(
                event("evt_1", "sub_1").customer("cus_1").created().on(0, 10)
                        .item("prod_a", "1000.5").item("prod_x", "700").build(),
                event("evt_2", "sub_1").customer("cus_1").on(at(2, 23, 59, 59)).item("prod_a", "2000").build(),
                event("evt_3", "sub_1").customer("cus_1").on(at(3, 0, 0, 0)).item("prod_a", "3000")
                        .item("prod_b", "100").build(),
                event("evt_4", "sub_2").customer("cus_2").currency("eur").created().on(1, 8).item("prod_a", "500").build(),
                event("evt_5", "sub_3").customer("cus_3").created().on(1, 9).item("prod_a", "250").build());
        Map<LocalDate, MrrDay> days = run(RULES, events, day(0), day(5));

        assertEquals(List.of("usd/prod_a=1000.5x1"), products(days, 0), "an out-of-scope item adds nothing");
        assertEquals(List.of("eur/prod_a=500x1", "usd/prod_a=1250.5x2"), products(days, 1), "never summed across currencies");
        assertEquals(List.of("eur/prod_a=500x1", "usd/prod_a=2250x2"), products(days, 2), "23:59:59 is still day 2");
        assertEquals(List.of("eur/prod_a=500x1", "usd/prod_a=3250x2", "usd/prod_b=100x1"), products(days, 3),
                "00:00:00 is day 3");
        assertEquals(products(days, 3), products(days, 5), "no event: the state holds");

        assertEquals(List.of("usd cus_1 new 1000.5"), movements(days, 0));
        assertEquals(List.of("eur cus_2 new 500", "usd cus_3 new 250"), movements(days, 1));
        assertEquals(List.of("usd cus_1 expansion 999.5"), movements(days, 2));
        assertEquals(List.of("usd cus_1 expansion 1100"), movements(days, 3));
        assertEquals(List.of(), movements(days, 4));
    }

    @Test
    void beforeTheFirstEventThereIsNothing() {
        MrrTimeline timeline = new MrrTimeline(RULES, List.of(event("evt_1", "sub_1").on(3, 0).item("prod_a", "1").build()));
        assertEquals(Optional.of(day(3)), timeline.firstDay());
        assertEquals(Optional.of(day(3)), timeline.lastDay());
        MrrDay before = timeline.figuresFor(day(1));
        assertEquals(List.of(), before.products());
        assertEquals(List.of(), before.movements());
        assertEquals(1, timeline.figuresFor(day(3)).products().size());
        assertThrows(IllegalArgumentException.class, () -> timeline.figuresFor(day(3)), "days in increasing order");

        MrrTimeline empty = new MrrTimeline(RULES, List.of());
        assertEquals(Optional.empty(), empty.firstDay());
        assertEquals(List.of(), empty.figuresFor(day(0)).products());
    }

    @Test
    void statusesCancellationsPauseAndCatalogApplyDayByDay() {
        List<SubscriptionState> events = List.of(
                event("evt_1", "sub_1").created().status("trialing").on(0, 1).item("prod_a", "100").build(),
                event("evt_2", "sub_1").on(1, 1).item("prod_a", "100").build(),
                event("evt_3", "sub_1").status("past_due").on(2, 1).item("prod_a", "100").build(),
                event("evt_4", "sub_1").status("unpaid").on(3, 1).item("prod_a", "100").build(),
                event("evt_5", "sub_1").on(4, 1).item("prod_a", "100").build(),
                event("evt_6", "sub_1").collectionPaused().on(5, 1).item("prod_a", "100").build(),
                event("evt_7", "sub_1").on(6, 1).item("prod_a", "100").build(),
                event("evt_8", "sub_1").cancelAtPeriodEnd().on(7, 1).item("prod_a", "100").build());
        Map<LocalDate, MrrDay> days = run(RULES, events, day(0), day(8));
        List<Integer> counted = new ArrayList<>();
        for (int d = 0; d <= 8; d++) {
            counted.add(products(days, d).size());
        }
        assertEquals(List.of(0, 1, 1, 0, 1, 0, 1, 0, 0), counted);
        assertEquals(List.of("usd cus_1 new 100"), movements(days, 1), "a trial that converts is new business");
        assertEquals(List.of("usd cus_1 churn -100"), movements(days, 3));
        assertEquals(List.of("usd cus_1 reactivation 100"), movements(days, 4));
        assertEquals(List.of("usd cus_1 churn -100"), movements(days, 5));
        assertEquals(List.of("usd cus_1 churn -100"), movements(days, 7));

        Map<LocalDate, MrrDay> pausedCounts = run(new RevenueRules(Set.of("prod_a"), true), events, day(0), day(8));
        assertEquals(List.of("usd/prod_a=100x1"), products(pausedCounts, 5));
        assertEquals(List.of(), movements(pausedCounts, 5));

        Map<LocalDate, MrrDay> otherCatalog = run(new RevenueRules(Set.of("prod_b"), false), events, day(0), day(8));
        for (MrrDay day : otherCatalog.values()) {
            assertEquals(List.of(), day.products());
            assertEquals(List.of(), day.movements());
        }
    }

    @Test
    void aDeletionIsTerminalWhateverComesAfterIt() {
        List<SubscriptionState> events = List.of(
                event("evt_1", "sub_1").created().on(0, 1).item("prod_a", "100").build(),
                event("evt_2", "sub_1").deleted().on(2, 1).build(),
                event("evt_3", "sub_1").on(4, 1).item("prod_a", "900").build());
        Map<LocalDate, MrrDay> days = run(RULES, events, day(0), day(6));
        assertEquals(List.of("usd/prod_a=100x1"), products(days, 1));
        assertEquals(List.of(), products(days, 2));
        assertEquals(List.of(), products(days, 4), "an update created after the deletion does not revive it");
        assertEquals(List.of("usd cus_1 churn -100"), movements(days, 2));
        assertEquals(List.of(), movements(days, 4));
    }

    @Test
    void aRepeatedEventIdCountsOnce() {
        SubscriptionState once = event("evt_1", "sub_1").on(0, 1).item("prod_a", "100").build();
        Map<LocalDate, MrrDay> days = run(RULES, List.of(once, once, once), day(0), day(1));
        assertEquals(List.of("usd/prod_a=100x1"), products(days, 1));
    }

    // --- movements ---

    @Test
    void movementsOfEveryTypeArePerCustomerAcrossItsSubscriptions() {
        List<SubscriptionState> events = List.of(
                event("evt_a1", "sub_a").customer("cus_1").created().on(0, 1).item("prod_a", "100").build(),
                event("evt_b1", "sub_b").customer("cus_1").created().on(1, 1).item("prod_b", "50").build(),
                event("evt_a2", "sub_a").customer("cus_1").on(2, 1).item("prod_a", "60").build(),
                event("evt_b2", "sub_b").customer("cus_1").deleted().on(3, 1).build(),
                event("evt_a3", "sub_a").customer("cus_1").cancelAtPeriodEnd().on(4, 1).item("prod_a", "60").build(),
                event("evt_c1", "sub_c").customer("cus_1").created().on(6, 1).item("prod_b", "80").build(),
                // Two changes of one day net out: no movement.
                event("evt_c2", "sub_c").customer("cus_1").on(7, 1).item("prod_b", "90").build(),
                event("evt_c3", "sub_c").customer("cus_1").on(7, 2).item("prod_b", "80").build(),
                event("evt_d1", "sub_d").customer("cus_2").created().status("trialing").on(0, 1).item("prod_a", "30").build(),
                event("evt_d2", "sub_d").customer("cus_2").on(2, 1).item("prod_a", "30").build(),
                // A second subscription of the same customer replacing the first on the same day: contraction.
                event("evt_d3", "sub_d").customer("cus_2").deleted().on(5, 1).build(),
                event("evt_e1", "sub_e").customer("cus_2").created().on(5, 1).item("prod_a", "20").build());
        Map<LocalDate, MrrDay> days = run(RULES, events, day(0), day(8));
        assertEquals(List.of("usd cus_1 new 100"), movements(days, 0), "cus_2 is trialing: nothing");
        assertEquals(List.of("usd cus_1 expansion 50"), movements(days, 1), "an added subscription");
        assertEquals(List.of("usd cus_1 contraction -40", "usd cus_2 new 30"), movements(days, 2));
        assertEquals(List.of("usd cus_1 contraction -50"), movements(days, 3), "one of several subscriptions ends");
        assertEquals(List.of("usd cus_1 churn -60"), movements(days, 4), "cancel_at_period_end: at the request");
        assertEquals(List.of("usd cus_2 contraction -10"), movements(days, 5));
        assertEquals(List.of("usd cus_1 reactivation 80"), movements(days, 6), "back after churning");
        assertEquals(List.of(), movements(days, 7));
        assertIdentity(days, Map.of());
    }

    @Test
    void aCustomerInTwoCurrenciesHasSeparateMovements() {
        List<SubscriptionState> events = List.of(
                event("evt_1", "sub_1").customer("cus_1").on(0, 1).item("prod_a", "100").build(),
                event("evt_2", "sub_2").customer("cus_1").currency("eur").on(1, 1).item("prod_a", "90").build(),
                event("evt_3", "sub_1").customer("cus_1").status("canceled").on(2, 1).item("prod_a", "100").build());
        Map<LocalDate, MrrDay> days = run(RULES, events, day(0), day(2));
        assertEquals(List.of("eur cus_1 new 90"), movements(days, 1), "new in eur, though the customer pays in usd");
        assertEquals(List.of("usd cus_1 churn -100"), movements(days, 2), "churned in usd, though it still pays in eur");
        assertEquals(List.of("eur/prod_a=90x1"), products(days, 2));
    }

    // --- opening balance ---

    @Test
    void whatABackfillFindsIsTheOpeningBalanceNotNewBusiness() {
        List<SubscriptionState> events = List.of(
                // Seen first in the backfill, counting: opening balance; later changes are movements.
                event("backfill:sub_1:1", "sub_1").customer("cus_1").backfill().on(0, 12).item("prod_a", "100").build(),
                event("evt_1b", "sub_1").customer("cus_1").on(2, 1).item("prod_a", "150").build(),
                // Trialing at the backfill, converting later: new business.
                event("backfill:sub_2:1", "sub_2").customer("cus_2").backfill().status("trialing").on(0, 12)
                        .item("prod_a", "70").build(),
                event("evt_2b", "sub_2").customer("cus_2").on(3, 1).item("prod_a", "70").build(),
                // A webhook-created subscription on the backfill's day: new.
                event("evt_3", "sub_3").customer("cus_3").created().on(0, 13).item("prod_a", "40").build(),
                // A customer first seen with a backfilled subscription and a new one the same day: only the new one moves.
                event("evt_4", "sub_4").customer("cus_4").created().on(0, 11).item("prod_a", "30").build(),
                event("backfill:sub_5:1", "sub_5").customer("cus_4").backfill().on(0, 12).item("prod_b", "20").build(),
                // Opening balance, churned, back: churn then reactivation.
                event("backfill:sub_6:1", "sub_6").customer("cus_5").backfill().on(0, 12).item("prod_a", "100").build(),
                event("evt_6b", "sub_6").customer("cus_5").deleted().on(2, 1).build(),
                event("evt_7", "sub_7").customer("cus_5").created().on(4, 1).item("prod_a", "100").build(),
                // A webhook before the backfill read: the subscription's first event is not a backfill.
                event("evt_8", "sub_8").customer("cus_6").on(0, 9).item("prod_a", "10").build(),
                event("backfill:sub_8:1", "sub_8").customer("cus_6").backfill().on(0, 12).item("prod_a", "10").build(),
                // A customer who had MRR before: a subscription first seen in a later backfill is a movement.
                event("evt_9", "sub_9").customer("cus_7").created().on(0, 1).item("prod_a", "25").build(),
                event("evt_9b", "sub_9").customer("cus_7").deleted().on(1, 1).build(),
                event("backfill:sub_10:2", "sub_10").customer("cus_7").backfill().on(3, 12).item("prod_a", "35").build());
        Map<LocalDate, MrrDay> days = run(RULES, events, day(0), day(5));
        assertEquals(List.of("usd cus_3 new 40", "usd cus_4 expansion 30", "usd cus_6 new 10", "usd cus_7 new 25"),
                movements(days, 0));
        assertEquals(List.of("usd/prod_a=305x6", "usd/prod_b=20x1"), products(days, 0));
        assertEquals(List.of("usd cus_7 churn -25"), movements(days, 1));
        assertEquals(List.of("usd cus_1 expansion 50", "usd cus_5 churn -100"), movements(days, 2));
        assertEquals(List.of("usd cus_2 new 70", "usd cus_7 reactivation 35"), movements(days, 3));
        assertEquals(List.of("usd cus_5 reactivation 100"), movements(days, 4));
        assertIdentity(days, Map.of("usd", new BigDecimal("220")));
    }

    // --- any order, any day range ---

    /** Two subscriptions, five events with a tie, a deletion and a backfill: all 120 orders give the same figures. */
    @Test
    void everyArrivalOrderOfTheSameEventsGivesTheSameFigures() {
        List<SubscriptionState> events = List.of(
                event("backfill:sub_1:1", "sub_1").customer("cus_1").backfill().on(0, 12).item("prod_a", "100").build(),
                event("evt_2", "sub_1").customer("cus_1").on(1, 12).item("prod_a", "80").build(),
                event("evt_3", "sub_1").customer("cus_1").on(1, 12).item("prod_a", "120").build(),
                event("evt_4", "sub_2").customer("cus_1").created().on(1, 12).item("prod_b", "5").build(),
                event("evt_5", "sub_1").customer("cus_1").deleted().on(3, 0).build());
        Map<LocalDate, MrrDay> reference = run(RULES, events, day(0), day(4));
        assertEquals(List.of("usd/prod_a=120x1", "usd/prod_b=5x1"), products(reference, 1));
        assertEquals(List.of("usd cus_1 expansion 25"), movements(reference, 1));
        assertEquals(List.of("usd cus_1 contraction -120"), movements(reference, 3));
        List<List<SubscriptionState>> permutations = SubscriptionHistoryTest.permutations(events);
        assertEquals(120, permutations.size());
        for (List<SubscriptionState> order : permutations) {
            assertEquals(reference, run(RULES, order, day(0), day(4)));
        }
    }

    @Test
    void askingALaterDayDirectlyGivesTheSameFiguresAsGoingDayByDay() {
        List<SubscriptionState> events = randomEvents(new Random(3), 8, 60, 20);
        Map<LocalDate, MrrDay> all = run(RULES, events, day(0), day(20));
        MrrTimeline timeline = new MrrTimeline(RULES, events);
        assertEquals(all.get(day(12)), timeline.figuresFor(day(12)));
        assertEquals(all.get(day(13)), timeline.figuresFor(day(13)));
        assertEquals(all.get(day(19)), timeline.figuresFor(day(19)));
    }

    /** Random histories against a direct reading of the rules: states at each day's end, sums, movements. */
    @Test
    void randomHistoriesAgreeWithTheRulesReadDirectly() {
        Random random = new Random(42);
        for (int round = 0; round < 40; round++) {
            List<SubscriptionState> events = randomEvents(random, 2 + random.nextInt(8), 5 + random.nextInt(60), 15);
            RevenueRules rules = new RevenueRules(Set.of("prod_a", "prod_b"), random.nextBoolean());
            Map<LocalDate, MrrDay> days = run(rules, events, day(0), day(16));
            assertEquals(expectedDirectly(rules, events, day(0), day(16)), days, "round " + round);
            List<SubscriptionState> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, random);
            assertEquals(days, run(rules, shuffled, day(0), day(16)), "shuffled, round " + round);
        }
    }

    // --- helpers ---

    private static Map<LocalDate, MrrDay> run(RevenueRules rules, List<SubscriptionState> events, LocalDate from,
            LocalDate to) {
        MrrTimeline timeline = new MrrTimeline(rules, events);
        Map<LocalDate, MrrDay> days = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            MrrDay figures = timeline.figuresFor(d);
            assertNotNull(figures);
            assertEquals(d, figures.day());
            days.put(d, figures);
        }
        return days;
    }

    private static List<String> products(Map<LocalDate, MrrDay> days, int day) {
        return days.get(day(day)).products().stream()
                .map(p -> p.currency() + "/" + p.productId() + "=" + p.mrr().toPlainString() + "x" + p.subscriptions())
                .toList();
    }

    private static List<String> movements(Map<LocalDate, MrrDay> days, int day) {
        return days.get(day(day)).movements().stream()
                .map(m -> m.currency() + " " + m.customerId() + " " + m.type().key() + " " + m.delta().toPlainString())
                .toList();
    }

    /** Per currency and day: MRR = opening balances + Σ movements so far. */
    private static void assertIdentity(Map<LocalDate, MrrDay> days, Map<String, BigDecimal> opening) {
        Map<String, BigDecimal> moved = new TreeMap<>(opening);
        for (MrrDay day : days.values()) {
            day.movements().forEach(m -> moved.merge(m.currency(), m.delta(), BigDecimal::add));
            Map<String, BigDecimal> mrr = new TreeMap<>();
            day.products().forEach(p -> mrr.merge(p.currency(), p.mrr(), BigDecimal::add));
            for (String currency : moved.keySet()) {
                assertEquals(0, mrr.getOrDefault(currency, BigDecimal.ZERO).compareTo(moved.get(currency)),
                        "identity on " + day.day() + " in " + currency + ": " + mrr + " vs " + moved);
            }
        }
    }

    private static List<SubscriptionState> randomEvents(Random random, int subscriptions, int count, int days) {
        String[] statuses = {"active", "active", "active", "past_due", "trialing", "unpaid", "canceled"};
        String[] products = {"prod_a", "prod_b", "prod_x"};
        List<SubscriptionState> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int s = random.nextInt(subscriptions);
            Sub sub = event((random.nextInt(4) == 0 ? "backfill:" : "evt_") + i, "sub_" + s)
                    .customer("cus_" + (s % 4))
                    .currency(s % 3 == 0 ? "eur" : "usd")
                    .on(at(random.nextInt(days), random.nextInt(3) * 8)) // few distinct seconds: many ties
                    .status(statuses[random.nextInt(statuses.length)]);
            if (random.nextInt(12) == 0) {
                sub.deleted();
            } else if (random.nextInt(8) == 0) {
                sub.cancelAtPeriodEnd();
            } else if (random.nextInt(8) == 0) {
                sub.collectionPaused();
            } else if (random.nextInt(6) == 0) {
                sub.created();
            }
            if (events.size() % 4 == 0 && !events.isEmpty()) {
                sub.backfill();
            }
            int items = random.nextInt(3);
            for (int j = 0; j < items; j++) {
                sub.item(products[random.nextInt(products.length)], (random.nextInt(2000) / 7) + "." + random.nextInt(100));
            }
            events.add(sub.build());
        }
        return events;
    }

    /**
     * The rules read directly, without the timeline's incremental bookkeeping: each subscription's state at the end
     * of each day from {@link SubscriptionHistory}, summed; movements by comparing whole days.
     */
    private static Map<LocalDate, MrrDay> expectedDirectly(RevenueRules rules, List<SubscriptionState> events,
            LocalDate from, LocalDate to) {
        Map<String, SubscriptionHistory> histories = new TreeMap<>();
        for (SubscriptionState e : events) {
            histories.computeIfAbsent(e.subscriptionId(), SubscriptionHistory::new).add(e);
        }
        Map<LocalDate, MrrDay> days = new LinkedHashMap<>();
        Map<List<String>, BigDecimal> yesterday = new HashMap<>();
        Set<List<String>> hadMrr = new HashSet<>();
        for (LocalDate d = from.minusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            Instant end = d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1);
            Map<List<String>, BigDecimal[]> products = new TreeMap<>((a, b) -> String.join("/", a).compareTo(String.join("/", b)));
            Map<List<String>, BigDecimal> customers = new HashMap<>();
            Map<List<String>, BigDecimal> opening = new HashMap<>();
            for (SubscriptionHistory history : histories.values()) {
                Optional<SubscriptionState> state = history.stateAt(end);
                if (state.isEmpty()) {
                    continue;
                }
                Map<String, BigDecimal> contribution = rules.contribution(state.get());
                if (contribution.isEmpty()) {
                    continue;
                }
                BigDecimal total = contribution.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                List<String> customer = List.of(state.get().currency(), state.get().customerId());
                customers.merge(customer, total, BigDecimal::add);
                contribution.forEach((product, value) -> products.merge(List.of(state.get().currency(), product),
                        new BigDecimal[] {value, BigDecimal.ONE},
                        (x, y) -> new BigDecimal[] {x[0].add(y[0]), x[1].add(y[1])}));
                SubscriptionState first = history.firstEvent().orElseThrow();
                if (first.isBackfill() && first.day().equals(d)) {
                    opening.merge(customer, total, BigDecimal::add);
                }
            }
            Set<List<String>> keys = new java.util.TreeSet<>((a, b) -> String.join("/", a).compareTo(String.join("/", b)));
            keys.addAll(customers.keySet());
            keys.addAll(yesterday.keySet());
            List<MrrMovement> movements = new ArrayList<>();
            for (List<String> customer : keys) {
                BigDecimal before = yesterday.getOrDefault(customer, BigDecimal.ZERO);
                BigDecimal now = customers.getOrDefault(customer, BigDecimal.ZERO);
                boolean firstAppearance = !hadMrr.contains(customer) && before.signum() <= 0 && now.signum() > 0;
                BigDecimal base = firstAppearance ? before.add(opening.getOrDefault(customer, BigDecimal.ZERO)) : before;
                BigDecimal delta = now.subtract(base);
                MovementType type = null;
                if (delta.signum() != 0) {
                    if (base.signum() <= 0 && now.signum() > 0) {
                        type = hadMrr.contains(customer) ? MovementType.REACTIVATION : MovementType.NEW;
                    } else if (base.signum() > 0 && now.signum() <= 0) {
                        type = MovementType.CHURN;
                    } else if (base.signum() > 0) {
                        type = delta.signum() > 0 ? MovementType.EXPANSION : MovementType.CONTRACTION;
                    }
                }
                if (type != null) {
                    movements.add(new MrrMovement(d, customer.get(0), customer.get(1), type, Amounts.normalize(delta)));
                }
                if (now.signum() > 0) {
                    hadMrr.add(customer);
                }
            }
            yesterday = customers;
            if (!d.isBefore(from)) {
                List<ProductMrr> figures = new ArrayList<>();
                LocalDate day = d;
                products.forEach((key, v) -> figures.add(new ProductMrr(day, key.get(0), key.get(1),
                        Amounts.normalize(v[0]), v[1].intValueExact())));
                days.put(d, new MrrDay(d, figures, movements));
            }
        }
        assertTrue(days.size() > 0);
        assertNull(null);
        return days;
    }
}
