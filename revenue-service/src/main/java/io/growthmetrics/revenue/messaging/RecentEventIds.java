package io.growthmetrics.revenue.messaging;

import io.growthmetrics.revenue.config.RevenueConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the latest Stripe events handled successfully (in memory, bounded): a repeat delivery is answered 200
 * without publishing again. After a restart, or behind several instances, a repeat can still be published; it
 * carries the same eventId, and consumers drop events whose id they have applied.
 */
@ApplicationScoped
public class RecentEventIds {

    private final Map<String, Boolean> ids;

    public RecentEventIds(RevenueConfig config) {
        int capacity = Math.max(1, config.recentEventIds());
        this.ids = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized boolean seen(String eventId) {
        return ids.containsKey(eventId);
    }

    public synchronized void remember(String eventId) {
        ids.put(eventId, Boolean.TRUE);
    }
}
