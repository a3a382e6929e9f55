package io.growthmetrics.kpi.domain.revenue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The events of one subscription, and its state at any moment. Each event id counts once (a repeat changes
 * nothing). The state at T is the greatest event (by {@link SubscriptionState#ORDER}) with eventCreated ≤ T;
 * once a deletion has eventCreated ≤ T the subscription is gone at T and ever after, whatever events created
 * later say. The state depends only on the set of events, never on the order they were added in.
 */
public final class SubscriptionHistory {

    private final String subscriptionId;
    private final Set<String> eventIds = new HashSet<>();
    private final List<SubscriptionState> events = new ArrayList<>();

    public SubscriptionHistory(String subscriptionId) {
        this.subscriptionId = subscriptionId;
    }

    /** Adds an event of this subscription; false when its event id was added already. */
    public boolean add(SubscriptionState event) {
        if (!subscriptionId.equals(event.subscriptionId())) {
            throw new IllegalArgumentException("Event " + event.eventId() + " is of subscription "
                    + event.subscriptionId() + ", not " + subscriptionId);
        }
        if (!eventIds.add(event.eventId())) {
            return false;
        }
        events.add(event);
        return true;
    }

    /** The state at {@code moment}: empty before the first event and once deleted. */
    public Optional<SubscriptionState> stateAt(Instant moment) {
        SubscriptionState latest = null;
        for (SubscriptionState event : events) {
            if (event.eventCreated().isAfter(moment)) {
                continue;
            }
            if (event.deleted()) {
                return Optional.empty();
            }
            if (latest == null || SubscriptionState.ORDER.compare(event, latest) > 0) {
                latest = event;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** The subscription's first event (by {@link SubscriptionState#ORDER}), if any. */
    public Optional<SubscriptionState> firstEvent() {
        return events.stream().min(SubscriptionState.ORDER);
    }
}
