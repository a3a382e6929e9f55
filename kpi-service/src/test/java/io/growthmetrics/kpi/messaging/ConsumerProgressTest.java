package io.growthmetrics.kpi.messaging;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Liveness' judgement: stuck = working without a heartbeat for longer than the bound, and not retrying. */
class ConsumerProgressTest {

    private static final Duration BOUND = Duration.ofMinutes(5);

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-11-29T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void idleIsNeverStuckHoweverLongNoRecordComes() {
        TestClock clock = new TestClock();
        ConsumerProgress p = new ConsumerProgress("t", clock);
        clock.advance(Duration.ofDays(3));
        assertFalse(p.stuck(BOUND));
        assertEquals(ConsumerProgress.State.IDLE, p.state());
    }

    @Test
    void workingWithoutAHeartbeatBeyondTheBoundIsStuckAndAHeartbeatClearsIt() {
        TestClock clock = new TestClock();
        ConsumerProgress p = new ConsumerProgress("t", clock);
        p.working();
        clock.advance(BOUND);
        assertFalse(p.stuck(BOUND), "at the bound: not yet");
        clock.advance(Duration.ofSeconds(1));
        assertTrue(p.stuck(BOUND));
        p.beat();
        assertFalse(p.stuck(BOUND));
        p.idle();
        clock.advance(BOUND.multipliedBy(2));
        assertFalse(p.stuck(BOUND));
    }

    @Test
    void retryingADatabaseOutageIsAKnownWaitHoweverLong() {
        TestClock clock = new TestClock();
        ConsumerProgress p = new ConsumerProgress("t", clock);
        p.working();
        p.retrying(new java.net.ConnectException("Connection refused"));
        Instant since = clock.instant();
        clock.advance(Duration.ofHours(2));
        p.retrying(new java.net.ConnectException("Connection refused"));
        clock.advance(BOUND.multipliedBy(3));
        assertFalse(p.stuck(BOUND), "retrying is never stuck");
        assertEquals(since, p.retryingSince());
        assertEquals(2, p.retries());
        p.recovered();
        assertEquals(ConsumerProgress.State.WORKING, p.state());
        clock.advance(BOUND.plusSeconds(1));
        assertTrue(p.stuck(BOUND), "working again, then silent beyond the bound");
    }

    @Test
    void storeFailuresAreToldApart() {
        assertTrue(StoreFailures.dataProblem(new RuntimeException(new io.vertx.pgclient.PgException(
                "unsupported Unicode escape sequence", "ERROR", "22P05", null))).contains("22P05"));
        assertTrue(StoreFailures.dataProblem(new io.vertx.pgclient.PgException("value too long", "ERROR", "22001", null))
                != null);
        assertTrue(StoreFailures.dataProblem(new java.sql.SQLException("null value", "23502")) != null);
        assertEquals(null, StoreFailures.dataProblem(new io.vertx.pgclient.PgException(
                "terminating connection due to administrator command", "FATAL", "57P01", null)));
        assertEquals(null, StoreFailures.dataProblem(new java.sql.SQLException("connection failure", "08006")));
        assertEquals(null, StoreFailures.dataProblem(new java.net.ConnectException("Connection refused")));
        assertEquals(null, StoreFailures.dataProblem(new io.smallrye.mutiny.TimeoutException()));
        assertEquals(null, StoreFailures.dataProblem(new IllegalStateException("Session closed")));
    }
}
