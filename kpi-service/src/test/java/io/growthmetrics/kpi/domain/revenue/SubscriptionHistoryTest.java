package io.growthmetrics.kpi.domain.revenue;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.growthmetrics.kpi.domain.revenue.Sub.at;
import static io.growthmetrics.kpi.domain.revenue.Sub.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubscriptionHistoryTest {

    private static Optional<String> eventAt(SubscriptionHistory history, Instant moment) {
        return history.stateAt(moment).map(SubscriptionState::eventId);
    }

    private static SubscriptionHistory history(List<SubscriptionState> events) {
        SubscriptionHistory history = new SubscriptionHistory("sub_1");
        events.forEach(history::add);
        return history;
    }

    @Test
    void theEventWithTheLatestCreatedAtOrBeforeTheMomentIsTheState() {
        SubscriptionHistory history = history(List.of(
                event("evt_c", "sub_1").on(5, 0).build(),
                event("evt_a", "sub_1").created().on(1, 0).build(),
                event("evt_b", "sub_1").on(3, 0).build()));
        assertEquals(Optional.empty(), eventAt(history, at(0, 23)), "before the first event: no subscription");
        assertEquals(Optional.of("evt_a"), eventAt(history, at(1, 0)), "an event applies at its created second");
        assertEquals(Optional.of("evt_a"), eventAt(history, at(2, 23)));
        assertEquals(Optional.of("evt_b"), eventAt(history, at(3, 0)));
        assertEquals(Optional.of("evt_c"), eventAt(history, at(9, 0)));
        assertEquals(Optional.of("evt_a"), history.firstEvent().map(SubscriptionState::eventId));
    }

    @Test
    void aRepeatedEventIdChangesNothing() {
        SubscriptionHistory history = new SubscriptionHistory("sub_1");
        assertTrue(history.add(event("evt_a", "sub_1").on(1, 0).item("p", "10").build()));
        assertFalse(history.add(event("evt_a", "sub_1").on(1, 0).item("p", "10").build()));
        assertFalse(history.add(event("evt_a", "sub_1").on(7, 0).item("p", "99").build()), "same id, whatever it says");
        assertEquals("10", history.stateAt(at(9, 0)).orElseThrow().items().get(0).monthlyValue().toPlainString());
    }

    @Test
    void anEventOfAnotherSubscriptionIsRefused() {
        SubscriptionHistory history = new SubscriptionHistory("sub_1");
        assertThrows(IllegalArgumentException.class, () -> history.add(event("evt_a", "sub_2").build()));
    }

    @Test
    void onTheSameSecondTheUpdateComesAfterTheCreationAndThenTheGreaterEventId() {
        Instant second = at(2, 10);
        SubscriptionHistory history = history(List.of(
                event("evt_z_update", "sub_1").on(second).build(),
                event("evt_zz_created", "sub_1").created().on(second).build(),
                event("evt_a_update", "sub_1").on(second).build()));
        assertEquals(Optional.of("evt_z_update"), eventAt(history, second),
                "the creation ranks first whatever its id; of the updates the greater id wins");
        assertEquals(Optional.of("evt_zz_created"), history.firstEvent().map(SubscriptionState::eventId));

        SubscriptionHistory withBackfill = history(List.of(
                event("backfill:sub_1:1", "sub_1").backfill().on(second).build(),
                event("evt_created", "sub_1").created().on(second).build()));
        assertEquals(Optional.of("backfill:sub_1:1"), eventAt(withBackfill, second), "created < backfill.snapshot");
    }

    @Test
    void aDeletionWinsATieAndIsTerminal() {
        SubscriptionHistory history = history(List.of(
                event("evt_a", "sub_1").created().on(1, 0).build(),
                event("evt_del", "sub_1").deleted().on(4, 0).build(),
                event("evt_same_second", "sub_1").on(4, 0).build(),
                event("evt_later", "sub_1").on(6, 0).item("p", "10").build()));
        assertEquals(Optional.of("evt_a"), eventAt(history, at(3, 23)));
        assertEquals(Optional.empty(), eventAt(history, at(4, 0)), "deleted at its second, over a tie");
        assertEquals(Optional.empty(), eventAt(history, at(6, 0)), "a later-created event does not bring it back");
        assertEquals(Optional.empty(), eventAt(history, at(60, 0)));
    }

    @Test
    void aDeletionNeedsNoCustomer() {
        SubscriptionState deletion = new SubscriptionState("evt_del", "sub_1", null, "customer.subscription.deleted",
                at(2, 0), "webhook", true, null, null, false, false, false, List.of());
        SubscriptionHistory history = history(List.of(event("evt_a", "sub_1").on(1, 0).build(), deletion));
        assertEquals(Optional.empty(), eventAt(history, at(2, 0)));
        assertThrows(NullPointerException.class, () -> new SubscriptionState("evt_b", "sub_1", null, "x", at(2, 0),
                "webhook", false, "active", "usd", false, false, false, List.of()), "any other event needs one");
    }

    @Test
    void aDeletionCreatedLaterThanAllElseOnlyEndsItFromItsMoment() {
        SubscriptionHistory history = history(List.of(
                event("evt_del", "sub_1").deleted().on(8, 0).build(),
                event("evt_a", "sub_1").on(1, 0).build()));
        assertEquals(Optional.of("evt_a"), eventAt(history, at(7, 23)));
        assertEquals(Optional.empty(), eventAt(history, at(8, 0)));
    }

    /** Five events with a tie and a deletion: every one of the 120 arrival orders gives the same states. */
    @Test
    void everyArrivalOrderOfTheSameEventsGivesTheSameStates() {
        List<SubscriptionState> events = List.of(
                event("evt_1", "sub_1").created().on(1, 0).item("p", "10").build(),
                event("evt_2", "sub_1").on(1, 0).item("p", "20").build(),
                event("evt_3", "sub_1").on(2, 0).item("p", "30").build(),
                event("evt_4", "sub_1").on(2, 0).item("p", "40").build(),
                event("evt_5", "sub_1").deleted().on(3, 0).build());
        List<Instant> moments = List.of(at(0, 0), at(1, 0), at(1, 12), at(2, 0), at(2, 23), at(3, 0), at(9, 0));
        List<Optional<String>> expected = List.of(Optional.empty(), Optional.of("evt_2"), Optional.of("evt_2"),
                Optional.of("evt_4"), Optional.of("evt_4"), Optional.empty(), Optional.empty());
        List<List<SubscriptionState>> permutations = permutations(events);
        assertEquals(120, permutations.size());
        for (List<SubscriptionState> order : permutations) {
            SubscriptionHistory history = history(order);
            List<Optional<String>> states = moments.stream().map(m -> eventAt(history, m)).toList();
            assertEquals(expected, states, "order " + order.stream().map(SubscriptionState::eventId).toList());
        }
    }

    static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            List<List<T>> one = new ArrayList<>();
            one.add(new ArrayList<>());
            return one;
        }
        List<List<T>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                tail.add(0, head);
                all.add(tail);
            }
        }
        return all;
    }
}
