package io.growthmetrics.ingest.domain;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class RateLimiterTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T10:00:15Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void countsPerSenderPerMinuteAndSaysHowLongToWait() {
        RateLimiter limiter = new RateLimiter(2, clock);
        assertEquals(0, limiter.secondsToWait("a"));
        assertEquals(0, limiter.secondsToWait("a"));
        assertEquals(45, limiter.secondsToWait("a"));
        assertEquals(0, limiter.secondsToWait("b"), "senders are counted apart");
        now.set(Instant.parse("2026-11-29T10:01:00Z"));
        assertEquals(0, limiter.secondsToWait("a"), "a new minute starts again");
    }

    @Test
    void offWhenZeroAndForSendersWithoutAnAddress() {
        RateLimiter off = new RateLimiter(0, clock);
        assertFalse(off.enabled());
        for (int i = 0; i < 100; i++) {
            assertEquals(0, off.secondsToWait("a"));
        }
        RateLimiter on = new RateLimiter(1, clock);
        assertEquals(0, on.secondsToWait(null));
        assertEquals(0, on.secondsToWait(null));
    }
}
