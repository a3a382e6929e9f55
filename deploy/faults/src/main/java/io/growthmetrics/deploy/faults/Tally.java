package io.growthmetrics.deploy.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one stream of requests got: every id sent, the ids answered 2xx, answers by status ({@code -1} = no answer
 * within the client's timeout: a hang; {@code -2} = connection refused or reset), and the slowest refusal.
 */
public final class Tally {

    private final String name;
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final Set<String> acked = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final List<String> samples = Collections.synchronizedList(new ArrayList<>());
    private volatile long slowestRefusalMillis;
    private volatile long slowestMillis;
    private long attempts;

    public Tally(String name) {
        this.name = name;
    }

    public synchronized void record(String id, int status, long millis, String body) {
        attempts++;
        sent.add(id);
        statuses.merge(status, 1, Integer::sum);
        slowestMillis = Math.max(slowestMillis, millis);
        if (status / 100 == 2) {
            acked.add(id);
        } else {
            slowestRefusalMillis = Math.max(slowestRefusalMillis, millis);
            if (samples.size() < 5 && (status >= 500 || status < 0)) {
                samples.add(id + " -> " + status + " after " + millis + " ms: "
                        + (body == null ? "" : body.substring(0, Math.min(200, body.length()))));
            }
        }
    }

    public String name() {
        return name;
    }

    public synchronized long attempts() {
        return attempts;
    }

    public Set<String> sent() {
        return sent;
    }

    public Set<String> acked() {
        return acked;
    }

    public synchronized Map<Integer, Integer> statuses() {
        return new LinkedHashMap<>(statuses);
    }

    public synchronized int count(int status) {
        return statuses.getOrDefault(status, 0);
    }

    /** Answers that are neither 2xx, 4xx nor 503: a 500, another 5xx, a hang or a dropped connection. */
    public synchronized int badAnswers() {
        int bad = 0;
        for (Map.Entry<Integer, Integer> e : statuses.entrySet()) {
            int s = e.getKey();
            if (!(s / 100 == 2 || s / 100 == 4 || s == 503)) {
                bad += e.getValue();
            }
        }
        return bad;
    }

    public long slowestRefusalMillis() {
        return slowestRefusalMillis;
    }

    public long slowestMillis() {
        return slowestMillis;
    }

    public List<String> samples() {
        return List.copyOf(samples);
    }

    @Override
    public synchronized String toString() {
        return name + ": " + attempts + " requests, " + acked.size() + " acknowledged, answers " + statuses
                + (samples.isEmpty() ? "" : ", e.g. " + samples);
    }
}
