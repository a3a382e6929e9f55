package io.growthmetrics.kpi.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Where one consumer stands, for the liveness check: idle (waiting for records), working on a batch (each store
 * attempt and each dead letter beats the heart), or retrying a transient failure (a known wait, however long the
 * outage). Stuck = working, not retrying, and no heartbeat for longer than the bound.
 */
public final class ConsumerProgress {

    public enum State { IDLE, WORKING, RETRYING }

    private final String topic;
    private final Clock clock;
    private volatile State state = State.IDLE;
    private volatile Instant heartbeat;
    private volatile Instant retryingSince;
    private volatile String lastError;
    private volatile long retries;

    ConsumerProgress(String topic, Clock clock) {
        this.topic = topic;
        this.clock = clock;
        this.heartbeat = clock.instant();
    }

    public String topic() {
        return topic;
    }

    void working() {
        state = State.WORKING;
        heartbeat = clock.instant();
    }

    void beat() {
        heartbeat = clock.instant();
    }

    /** A transient failure: the batch waits and is tried again. */
    void retrying(Throwable failure) {
        if (state != State.RETRYING) {
            retryingSince = clock.instant();
        }
        state = State.RETRYING;
        retries++;
        lastError = failure.toString();
        heartbeat = clock.instant();
    }

    /** An attempt after a retry succeeded: working again. */
    void recovered() {
        if (state == State.RETRYING) {
            state = State.WORKING;
            retryingSince = null;
        }
        heartbeat = clock.instant();
    }

    void idle() {
        state = State.IDLE;
        retryingSince = null;
        heartbeat = clock.instant();
    }

    public State state() {
        return state;
    }

    public Instant heartbeat() {
        return heartbeat;
    }

    public Instant retryingSince() {
        return retryingSince;
    }

    public String lastError() {
        return lastError;
    }

    public long retries() {
        return retries;
    }

    /** Working on a batch without any sign of progress for longer than {@code bound}, and not in a known retry. */
    public boolean stuck(Duration bound) {
        return state == State.WORKING && Duration.between(heartbeat, clock.instant()).compareTo(bound) > 0;
    }
}
