package io.growthmetrics.bench.pings;

import io.growthmetrics.contracts.EventJson;
import io.growthmetrics.contracts.rules.JsonLimits;
import io.growthmetrics.contracts.rules.TelemetryPingRules;
import io.growthmetrics.contracts.rules.Violations;
import io.growthmetrics.contracts.telemetry.TelemetryPing;
import io.growthmetrics.contracts.telemetry.TelemetryPingEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The year's records are valid ping events, in time order, keyed by instanceId; and the figures the generator
 * computes as it goes are those of the documented rules applied, naively, to the records themselves.
 */
class YearOfPingsTest {

    private record Sent(String key, TelemetryPingEvent event) {
    }

    @Test
    void theExpectedFiguresAreTheRulesAppliedToTheRecords() throws Exception {
        LocalDate last = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        YearOfPings year = new YearOfPings(300, 40, last, 7, new FreshIds(0x1234, 3));
        List<Sent> sent = new ArrayList<>();
        year.generate((key, value) -> {
            try {
                sent.add(new Sent(key, EventJson.mapper().readValue(value, TelemetryPingEvent.class)));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(year.records(), sent.size());
        assertTrue(sent.size() > 300 * 40 * 0.8, "about one ping per installation and day: " + sent.size());

        Instant previous = Instant.MIN;
        Set<String> eventIds = new HashSet<>();
        for (Sent s : sent) {
            TelemetryPingEvent e = s.event();
            Violations v = TelemetryPingRules.check(e, Instant.now(), JsonLimits.DEFAULT);
            assertTrue(v.isEmpty(), v.list() + " in " + e);
            assertEquals(s.key(), e.ping().instanceId(), "the key is the instanceId");
            assertTrue(!e.receivedAt().isBefore(previous), "in time order");
            assertTrue(eventIds.add(e.eventId()), "event ids are unique");
            previous = e.receivedAt();
        }
        assertTrue(!LocalDate.ofInstant(previous, ZoneOffset.UTC).isAfter(last));

        // the rules, naively: for each day, each installation's latest ping within [D-6, D]
        Map<String, Boolean> activeBefore = new HashMap<>();
        Map<String, Boolean> activeBeforeDev = new HashMap<>();
        for (LocalDate d = year.firstDay(); !d.isAfter(last); d = d.plusDays(1)) {
            LocalDate day = d;
            Map<String, TelemetryPing> latest = new HashMap<>();
            for (Sent s : sent) {
                LocalDate pingDay = LocalDate.ofInstant(s.event().receivedAt(), ZoneOffset.UTC);
                if (!pingDay.isAfter(day) && !pingDay.isBefore(day.minusDays(6))) {
                    latest.put(s.key(), s.event().ping()); // in time order: the last one wins
                }
            }
            assertEquals(naive(latest, false, activeBefore), year.expected(day, false), "headline figures of " + day);
            assertEquals(naive(latest, true, activeBeforeDev), year.expected(day, true), "includeDev figures of " + day);
        }
    }

    private static YearOfPings.Figures naive(Map<String, TelemetryPing> latest, boolean includeDev,
                                             Map<String, Boolean> activeBefore) {
        long installations = 0;
        long hosted = 0;
        long remote = 0;
        long added = 0;
        Set<String> active = new HashSet<>();
        for (Map.Entry<String, TelemetryPing> e : latest.entrySet()) {
            TelemetryPing p = e.getValue();
            boolean dev = p.env().flowforge().endsWith("-git") || "stub".equals(p.platform().config().driver());
            if (dev && !includeDev) {
                continue;
            }
            active.add(e.getKey());
            installations++;
            hosted += p.platform().counts().projects() == null ? 0 : p.platform().counts().projects();
            remote += p.platform().counts().devices() == null ? 0 : p.platform().counts().devices();
            if (!activeBefore.containsKey(e.getKey())) {
                added++;
            }
        }
        long removed = activeBefore.keySet().stream().filter(id -> !active.contains(id)).count();
        activeBefore.clear();
        active.forEach(id -> activeBefore.put(id, true));
        return new YearOfPings.Figures(installations, hosted, remote, added, removed);
    }

    @Test
    void pingBodiesAreValidPingsWithTheGivenIdAndAMixOfReleases() throws Exception {
        PingBodies bodies = new PingBodies(3, 200, false);
        FreshIds ids = new FreshIds(0x42, 1);
        Set<Integer> sizes = new HashSet<>();
        Set<Integer> fieldCounts = new HashSet<>();
        boolean dev = false;
        for (int i = 0; i < bodies.shapes(); i++) {
            byte[] body = bodies.body(i, ids.id(i));
            TelemetryPing ping = EventJson.mapper().readValue(body, TelemetryPing.class);
            assertEquals(ids.id(i), ping.instanceId());
            assertEquals(i, ids.sequenceOf(ping.instanceId()));
            TelemetryPingEvent event = new TelemetryPingEvent(1, "e" + i, Instant.now(), "ping", null, ping, Map.of());
            assertTrue(TelemetryPingRules.check(event, Instant.now(), JsonLimits.DEFAULT).isEmpty());
            sizes.add(body.length);
            fieldCounts.add(EventJson.mapper().readTree(body).toString().split(":").length);
            dev |= ping.env().flowforge().endsWith("-git") || "stub".equals(ping.platform().config().driver());
        }
        assertTrue(fieldCounts.size() >= 4, "field sets of several releases: " + fieldCounts);
        assertTrue(dev, "developer builds or test platforms among them");
        assertTrue(bodies.meanSize() > 400 && bodies.meanSize() < 1200, "mean size " + bodies.meanSize());
        PingBodies regular = new PingBodies(3, 200, true);
        for (int i = 0; i < regular.shapes(); i++) {
            TelemetryPing ping = EventJson.mapper().readValue(regular.body(i, ids.id(i)), TelemetryPing.class);
            assertTrue(!ping.env().flowforge().endsWith("-git") && !"stub".equals(ping.platform().config().driver()));
        }
    }

    @Test
    void freshIdsReadBackTheirSequenceAndNoOneElses() {
        FreshIds ids = new FreshIds(0xcafe, 7);
        for (long s : new long[] {0, 1, 15, 16, 1_000_000, 0xffffffffffffL}) {
            String id = ids.id(s);
            assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), id);
            assertEquals(s, ids.sequenceOf(id));
        }
        assertEquals(-1, new FreshIds(0xcafe, 8).sequenceOf(ids.id(5)));
        assertEquals(-1, ids.sequenceOf("8d2e6c41-0b7a-4f3e-9a51-6e1c2d7f9b30"));
        assertEquals(-1, ids.sequenceOf(null));
    }
}
