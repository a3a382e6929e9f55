package io.growthmetrics.ingest.domain;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code perMinute} pings per sender per clock minute, the sender known only by its keyed IP hash (the raw
 * address is never kept). Fixed windows: cheap, and a sender that pings once a day never comes near the limit.
 */
public final class RateLimiter {

    /** Senders remembered at most; beyond it, windows of past minutes are dropped first. */
    static final int MAX_SENDERS = 100_000;

    private record Window(long minute, int count) {
    }

    private final int perMinute;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
    }

    public boolean enabled() {
        return perMinute > 0;
    }

    /** 0 when the sender may go on (and counts it); otherwise the seconds until it may try again. */
    public long secondsToWait(String senderHash) {
        if (!enabled() || senderHash == null) {
            return 0;
        }
        long millis = clock.millis();
        long minute = millis / 60_000;
        if (windows.size() > MAX_SENDERS) {
            windows.values().removeIf(w -> w.minute() < minute);
        }
        Window w = windows.compute(senderHash, (k, old) -> old == null || old.minute() != minute
                ? new Window(minute, 1) : new Window(minute, old.count() + 1));
        if (w.count() <= perMinute) {
            return 0;
        }
        long untilNextMinute = (minute + 1) * 60_000 - millis;
        return Math.max(1, (untilNextMinute + 999) / 1000);
    }
}
